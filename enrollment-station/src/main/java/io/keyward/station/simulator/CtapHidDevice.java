package io.keyward.station.simulator;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The device side of CTAPHID (CTAP 2.1 §11.2): takes the 64-byte output reports a host writes, answers with input
 * reports. Channels are allocated by CTAPHID_INIT; one transaction runs at a time and other channels get
 * ERR_CHANNEL_BUSY; a CTAPHID_CBOR request runs on a worker thread while KEEPALIVE reports go out every 100 ms
 * and CTAPHID_CANCEL stops a wait for a touch. Framing violations get the CTAPHID error the spec names
 * (§11.2.9.1.6): invalid channel, invalid sequence, invalid length, message timeout.
 */
public final class CtapHidDevice implements AutoCloseable {

    static final int BROADCAST_CHANNEL = 0xffffffff;
    static final byte PING = 0x01, MSG = 0x03, INIT = 0x06, WINK = 0x08, CBOR = 0x10, CANCEL = 0x11,
            KEEPALIVE = 0x3b, ERROR = 0x3f;
    static final byte ERR_INVALID_CMD = 0x01, ERR_INVALID_LEN = 0x03, ERR_INVALID_SEQ = 0x04, ERR_MSG_TIMEOUT = 0x05,
            ERR_CHANNEL_BUSY = 0x06, ERR_INVALID_CHANNEL = 0x0b;
    /** CTAPHID_INIT capabilities: WINK and CBOR, NMSG (no CTAP1/U2F messages). */
    static final byte CAPABILITIES = 0x01 | 0x04 | 0x08;
    /** CTAP 2.1 §11.2.4: a transaction whose packets stop arriving ends with ERR_MSG_TIMEOUT. */
    static final Duration TRANSACTION_TIMEOUT = Duration.ofMillis(500);
    static final Duration KEEPALIVE_INTERVAL = Duration.ofMillis(100);

    private final SimulatedAuthenticator authenticator;
    private final Consumer<byte[]> inputReports;
    private final CtapHidFraming framing = new CtapHidFraming();
    private final Set<Integer> channels = new HashSet<>();
    private final ExecutorService worker;
    private final ScheduledExecutorService timer;
    private final SecureRandom random = new SecureRandom();

    private Optional<CtapHidReassembler> assembling = Optional.empty();
    private long lastPacketNanos;
    private Optional<RunningCommand> running = Optional.empty();
    private boolean plugged = true;

    /**
     * @param authenticator the key behind the USB interface
     * @param inputReports  receives each 64-byte input report for the host, in order
     */
    public CtapHidDevice(SimulatedAuthenticator authenticator, Consumer<byte[]> inputReports) {
        this.authenticator = authenticator;
        this.inputReports = inputReports;
        String name = "simulated-key-" + authenticator.serial();
        this.worker = Executors.newSingleThreadExecutor(runnable -> daemon(runnable, name));
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> daemon(runnable, name + "-timer"));
        timer.scheduleAtFixedRate(this::expireStalledTransaction, 100, 100, TimeUnit.MILLISECONDS);
    }

    public SimulatedAuthenticator authenticator() {
        return authenticator;
    }

    /** One output report from the host, without the report id byte. */
    public synchronized void outputReport(byte[] report) {
        if (!plugged || report.length < CtapHidFraming.REPORT_SIZE) {
            return;
        }
        byte[] packet = report.length == CtapHidFraming.REPORT_SIZE ? report : java.util.Arrays.copyOf(report, CtapHidFraming.REPORT_SIZE);
        ByteBuffer header = ByteBuffer.wrap(packet);
        int channel = header.getInt();
        int type = header.get() & 0xff;
        if ((type & CtapHidFraming.TYPE_INIT) != 0) {
            initializationPacket(channel, (byte) (type & 0x7f), packet);
        } else {
            continuationPacket(channel, packet);
        }
    }

    private void initializationPacket(int channel, byte command, byte[] packet) {
        if (command == INIT) {
            init(channel, packet);
            return;
        }
        if (channel == 0 || channel == BROADCAST_CHANNEL || !channels.contains(channel)) {
            error(channel, ERR_INVALID_CHANNEL);
            return;
        }
        if (running.isPresent()) {
            if (running.get().channel == channel && command == CANCEL) {
                running.get().cancelled = true;
            } else {
                error(channel, ERR_CHANNEL_BUSY);
            }
            return;
        }
        if (command == CANCEL) {
            return; // nothing to cancel: CANCEL has no response (§11.2.9.1.5)
        }
        if (assembling.isPresent()) {
            boolean sameChannel = assembling.get().channelId() == channel;
            if (sameChannel) {
                assembling = Optional.empty();
            }
            error(channel, sameChannel ? ERR_INVALID_SEQ : ERR_CHANNEL_BUSY);
            return;
        }
        accept(framing.reassembler(channel), packet);
    }

    private void continuationPacket(int channel, byte[] packet) {
        if (assembling.isEmpty()) {
            return; // a spurious continuation packet is ignored (§11.2.4)
        }
        if (assembling.get().channelId() != channel) {
            error(channel, ERR_CHANNEL_BUSY);
            return;
        }
        accept(assembling.get(), packet);
    }

    private void accept(CtapHidReassembler reassembler, byte[] packet) {
        int channel = reassembler.channelId();
        try {
            Optional<CtapHidMessage> message = reassembler.accept(packet);
            lastPacketNanos = System.nanoTime();
            assembling = reassembler.inProgress() ? Optional.of(reassembler) : Optional.empty();
            message.ifPresent(this::dispatch);
        } catch (MessageTooLargeException e) {
            assembling = Optional.empty();
            error(channel, ERR_INVALID_LEN);
        } catch (CtapHidFramingException e) {
            assembling = Optional.empty();
            error(channel, ERR_INVALID_SEQ);
        }
    }

    /** CTAPHID_INIT (§11.2.9.1.3): a new channel on the broadcast channel, a resynchronisation on an own one. */
    private void init(int channel, byte[] packet) {
        int length = ByteBuffer.wrap(packet, 5, 2).getShort() & 0xffff;
        if (length != 8) {
            error(channel, ERR_INVALID_LEN);
            return;
        }
        if (channel != BROADCAST_CHANNEL && !channels.contains(channel)) {
            error(channel, ERR_INVALID_CHANNEL);
            return;
        }
        int assigned = channel;
        if (channel == BROADCAST_CHANNEL) {
            do {
                assigned = random.nextInt();
            } while (assigned == 0 || assigned == BROADCAST_CHANNEL || channels.contains(assigned));
            channels.add(assigned);
        } else {
            assembling = assembling.filter(in -> in.channelId() != channel);
            running.filter(command -> command.channel == channel).ifPresent(command -> command.cancelled = true);
        }
        int firmware = authenticator.model().firmwareVersion();
        ByteBuffer response = ByteBuffer.allocate(17)
                .put(packet, 7, 8)
                .putInt(assigned)
                .put((byte) 2)
                .put((byte) (firmware >> 8)).put((byte) firmware).put((byte) 0)
                .put(CAPABILITIES);
        send(channel, INIT, response.array());
    }

    private void dispatch(CtapHidMessage message) {
        int channel = message.channelId();
        switch (message.command()) {
            case PING -> send(channel, PING, message.payload());
            case WINK -> send(channel, WINK, new byte[0]);
            case CBOR -> {
                if (message.payload().length == 0) {
                    error(channel, ERR_INVALID_LEN);
                    return;
                }
                RunningCommand command = new RunningCommand(channel);
                running = Optional.of(command);
                command.keepalive = timer.scheduleAtFixedRate(() -> keepalive(command),
                        KEEPALIVE_INTERVAL.toMillis(), KEEPALIVE_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
                worker.execute(() -> run(command, message.payload()));
            }
            default -> error(channel, ERR_INVALID_CMD); // MSG (no U2F), LOCK and anything unknown
        }
    }

    private void run(RunningCommand command, byte[] request) {
        byte[] response = authenticator.process(request, command);
        synchronized (this) {
            command.keepalive.cancel(false);
            running = Optional.empty();
            send(command.channel, CBOR, response);
        }
    }

    private synchronized void keepalive(RunningCommand command) {
        if (running.orElse(null) == command) {
            send(command.channel, KEEPALIVE, new byte[]{command.status.code()});
        }
    }

    private synchronized void expireStalledTransaction() {
        if (assembling.isPresent()
                && System.nanoTime() - lastPacketNanos > TRANSACTION_TIMEOUT.toNanos()) {
            int channel = assembling.get().channelId();
            assembling = Optional.empty();
            error(channel, ERR_MSG_TIMEOUT);
        }
    }

    private void error(int channel, byte code) {
        send(channel, ERROR, new byte[]{code});
    }

    private synchronized void send(int channel, byte command, byte[] payload) {
        if (!plugged) {
            return;
        }
        for (byte[] report : framing.frame(channel, command, payload)) {
            inputReports.accept(report);
        }
    }

    /** The key is pulled: nothing more is answered; a running command is abandoned. */
    public synchronized void unplug() {
        plugged = false;
        running.ifPresent(command -> command.cancelled = true);
    }

    @Override
    public void close() {
        unplug();
        worker.shutdownNow();
        timer.shutdownNow();
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }

    /** The CBOR command in progress: where it answers, whether the host cancelled it, what KEEPALIVE says. */
    private static final class RunningCommand implements CommandContext {
        final int channel;
        volatile boolean cancelled;
        volatile Keepalive status = Keepalive.PROCESSING;
        ScheduledFuture<?> keepalive;

        RunningCommand(int channel) {
            this.channel = channel;
        }

        @Override
        public void status(Keepalive status) {
            this.status = status;
        }

        @Override
        public boolean cancelled() {
            return cancelled;
        }
    }
}
