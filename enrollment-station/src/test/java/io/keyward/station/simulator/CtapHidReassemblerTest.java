package io.keyward.station.simulator;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.List;

import static io.keyward.station.simulator.CtapHidFramingTest.payload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

class CtapHidReassemblerTest {

    private static final byte CTAPHID_CBOR = 0x10;
    private static final int CHANNEL = 0xcafe0001;
    private static final int OTHER_CHANNEL = 0xcafe0002;

    private final CtapHidFraming framing = new CtapHidFraming();
    private final CtapHidReassembler reassembler = framing.reassembler(CHANNEL);

    @Test
    void returnsNothingUntilTheLastContinuationPacketArrives() throws CtapHidFramingException {
        List<byte[]> reports = framing.frame(CHANNEL, CTAPHID_CBOR, payload(200));

        assertThat(reassembler.accept(reports.get(0))).isEmpty();
        assertThat(reassembler.accept(reports.get(1))).isEmpty();
        assertThat(reassembler.accept(reports.get(2))).isEmpty();
        assertThat(reassembler.inProgress()).isTrue();
        assertThat(reassembler.accept(reports.get(3))).map(CtapHidMessage::payload).hasValue(payload(200));
        assertThat(reassembler.inProgress()).isFalse();
    }

    @Test
    void commandIsReturnedWithoutTheInitializationBit() throws CtapHidFramingException {
        byte[] report = framing.frame(CHANNEL, (byte) 0x3b, new byte[] {1}).get(0);

        assertThat(reassembler.accept(report)).map(CtapHidMessage::command).hasValue((byte) 0x3b);
    }

    @Test
    void refusesAnInitializationPacketFromAnotherChannel() {
        byte[] report = framing.frame(OTHER_CHANNEL, CTAPHID_CBOR, payload(10)).get(0);

        assertThatThrownBy(() -> reassembler.accept(report))
                .asInstanceOf(type(WrongChannelException.class))
                .satisfies(e -> {
                    assertThat(e.expectedChannel()).isEqualTo(CHANNEL);
                    assertThat(e.actualChannel()).isEqualTo(OTHER_CHANNEL);
                    assertThat(e).hasMessage("packet on channel cafe0002, expected channel cafe0001");
                });
    }

    @Test
    void refusesAContinuationPacketFromAnotherChannelInTheMiddleOfAMessage() throws CtapHidFramingException {
        reassembler.accept(framing.frame(CHANNEL, CTAPHID_CBOR, payload(100)).get(0));
        byte[] foreign = framing.frame(OTHER_CHANNEL, CTAPHID_CBOR, payload(100)).get(1);

        assertThatThrownBy(() -> reassembler.accept(foreign)).isInstanceOf(WrongChannelException.class);
        assertThat(reassembler.inProgress()).isFalse();
    }

    @Test
    void refusesASkippedSequenceNumber() throws CtapHidFramingException {
        List<byte[]> reports = framing.frame(CHANNEL, CTAPHID_CBOR, payload(200));
        reassembler.accept(reports.get(0));

        assertThatThrownBy(() -> reassembler.accept(reports.get(2)))
                .asInstanceOf(type(OutOfOrderSequenceException.class))
                .satisfies(e -> {
                    assertThat(e.expectedSequence()).isZero();
                    assertThat(e.actualSequence()).isEqualTo(1);
                });
    }

    @Test
    void refusesARepeatedSequenceNumber() throws CtapHidFramingException {
        List<byte[]> reports = framing.frame(CHANNEL, CTAPHID_CBOR, payload(200));
        reassembler.accept(reports.get(0));
        reassembler.accept(reports.get(1));

        assertThatThrownBy(() -> reassembler.accept(reports.get(1)))
                .asInstanceOf(type(OutOfOrderSequenceException.class))
                .satisfies(e -> {
                    assertThat(e.expectedSequence()).isEqualTo(1);
                    assertThat(e.actualSequence()).isZero();
                });
    }

    @Test
    void refusesAnAnnouncedLengthAbove7609Bytes() {
        byte[] report = initializationPacket(CHANNEL, 7610);

        assertThatThrownBy(() -> reassembler.accept(report))
                .asInstanceOf(type(MessageTooLargeException.class))
                .satisfies(e -> assertThat(e.announcedLength()).isEqualTo(7610));
        assertThat(reassembler.inProgress()).isFalse();
    }

    @Test
    void refusesTheLargestAnnouncedLength() {
        assertThatThrownBy(() -> reassembler.accept(initializationPacket(CHANNEL, 0xffff)))
                .isInstanceOf(MessageTooLargeException.class)
                .hasMessageContaining("65535");
    }

    @Test
    void acceptsAnAnnouncedLengthOfExactly7609Bytes() throws CtapHidFramingException {
        assertThat(reassembler.accept(initializationPacket(CHANNEL, 7609))).isEmpty();
        assertThat(reassembler.inProgress()).isTrue();
    }

    @Test
    void refusesAContinuationPacketWithoutAnInitializationPacket() {
        byte[] continuation = framing.frame(CHANNEL, CTAPHID_CBOR, payload(100)).get(1);

        assertThatThrownBy(() -> reassembler.accept(continuation))
                .isInstanceOf(UnexpectedPacketException.class)
                .hasMessageContaining("without an initialization packet");
    }

    @Test
    void refusesANewInitializationPacketWhileAMessageIsIncomplete() throws CtapHidFramingException {
        reassembler.accept(framing.frame(CHANNEL, CTAPHID_CBOR, payload(100)).get(0));
        byte[] next = framing.frame(CHANNEL, CTAPHID_CBOR, payload(10)).get(0);

        assertThatThrownBy(() -> reassembler.accept(next))
                .isInstanceOf(UnexpectedPacketException.class)
                .hasMessageContaining("only 57");
    }

    @Test
    void refusesAReportThatIsNot64BytesLong() {
        assertThatThrownBy(() -> reassembler.accept(new byte[65]))
                .isInstanceOf(MalformedReportException.class)
                .hasMessageContaining("65");
    }

    @Test
    void startsAFreshMessageAfterARefusal() throws CtapHidFramingException {
        List<byte[]> broken = framing.frame(CHANNEL, CTAPHID_CBOR, payload(200));
        reassembler.accept(broken.get(0));
        assertThatThrownBy(() -> reassembler.accept(broken.get(2))).isInstanceOf(OutOfOrderSequenceException.class);

        List<byte[]> retry = framing.frame(CHANNEL, CTAPHID_CBOR, payload(60));
        assertThat(reassembler.accept(retry.get(0))).isEmpty();
        assertThat(reassembler.accept(retry.get(1))).map(CtapHidMessage::payload).hasValue(payload(60));
    }

    @Test
    void messagePayloadCannotBeChangedThroughTheCallersArray() {
        byte[] payload = {1, 2, 3};
        CtapHidMessage message = new CtapHidMessage(CHANNEL, CTAPHID_CBOR, payload);

        payload[0] = 9;
        message.payload()[1] = 9;

        assertThat(message.payload()).containsExactly(1, 2, 3);
    }

    private static byte[] initializationPacket(int channel, int announcedLength) {
        return ByteBuffer.allocate(64).putInt(channel).put((byte) 0x90).putShort((short) announcedLength).array();
    }
}
