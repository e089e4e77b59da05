package io.keyward.station.simulator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CtapHidFramingTest {

    private static final byte CTAPHID_CBOR = 0x10;
    private static final int CHANNEL = 0x01020304;

    private final CtapHidFraming framing = new CtapHidFraming();

    @Test
    void initializationPacketCarriesChannelCommandWithBit7SetAndBigEndianLength() {
        List<byte[]> reports = framing.frame(CHANNEL, CTAPHID_CBOR, payload(300));

        byte[] init = reports.get(0);
        assertThat(Arrays.copyOfRange(init, 0, 4)).containsExactly(0x01, 0x02, 0x03, 0x04);
        assertThat(init[4]).isEqualTo((byte) 0x90);
        assertThat(Arrays.copyOfRange(init, 5, 7)).containsExactly(0x01, 0x2c);
        assertThat(Arrays.copyOfRange(init, 7, 64)).containsExactly(Arrays.copyOfRange(payload(300), 0, 57));
    }

    @Test
    void emptyPayloadIsOneInitializationPacketWithZeroLengthAndZeroPadding() {
        List<byte[]> reports = framing.frame(CHANNEL, (byte) 0x01, new byte[0]);

        assertThat(reports).hasSize(1);
        assertThat(reports.get(0)).hasSize(64);
        assertThat(reports.get(0)[4]).isEqualTo((byte) 0x81);
        assertThat(Arrays.copyOfRange(reports.get(0), 5, 64)).containsOnly(0);
    }

    @Test
    void fiftySevenBytesFitInTheInitializationPacket() {
        assertThat(framing.frame(CHANNEL, CTAPHID_CBOR, payload(57))).hasSize(1);
    }

    @Test
    void fiftyEighthByteGoesToContinuationPacketWithSequenceZeroAndZeroPadding() {
        byte[] payload = payload(58);

        List<byte[]> reports = framing.frame(CHANNEL, CTAPHID_CBOR, payload);

        assertThat(reports).hasSize(2);
        byte[] continuation = reports.get(1);
        assertThat(continuation).hasSize(64);
        assertThat(Arrays.copyOfRange(continuation, 0, 4)).containsExactly(0x01, 0x02, 0x03, 0x04);
        assertThat(continuation[4]).isEqualTo((byte) 0);
        assertThat(continuation[5]).isEqualTo(payload[57]);
        assertThat(Arrays.copyOfRange(continuation, 6, 64)).containsOnly(0);
    }

    @Test
    void largestMessageUsesAllOneHundredTwentyEightContinuationPacketsWithSequenceUpTo0x7f() {
        List<byte[]> reports = framing.frame(CHANNEL, CTAPHID_CBOR, payload(CtapHidFraming.MAX_PAYLOAD_SIZE));

        assertThat(CtapHidFraming.MAX_PAYLOAD_SIZE).isEqualTo(7609);
        assertThat(reports).hasSize(129).allSatisfy(report -> assertThat(report).hasSize(64));
        for (int sequence = 0; sequence <= 0x7f; sequence++) {
            assertThat(reports.get(sequence + 1)[4]).as("SEQ of continuation %d", sequence).isEqualTo((byte) sequence);
        }
        assertThat(Arrays.copyOfRange(reports.get(0), 5, 7)).containsExactly(0x1d, 0xb9);
    }

    @Test
    void payloadLargerThan7609BytesIsRefused() {
        assertThatThrownBy(() -> framing.frame(CHANNEL, CTAPHID_CBOR, payload(7610)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("7610")
                .hasMessageContaining("7609");
    }

    @Test
    void framesCannotBeModifiedByTheCaller() {
        List<byte[]> reports = framing.frame(CHANNEL, CTAPHID_CBOR, payload(10));

        assertThatThrownBy(() -> reports.add(new byte[64])).isInstanceOf(UnsupportedOperationException.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 56, 57, 58, 115, 116, 117, 1024, 7550, 7551, 7608, 7609})
    void everyFramedMessageReassemblesToTheSamePayload(int size) throws CtapHidFramingException {
        byte[] payload = payload(size);
        CtapHidReassembler reassembler = framing.reassembler(CHANNEL);

        List<byte[]> reports = framing.frame(CHANNEL, CTAPHID_CBOR, payload);
        for (byte[] report : reports.subList(0, reports.size() - 1)) {
            assertThat(reassembler.accept(report)).isEmpty();
        }

        assertThat(reassembler.accept(reports.get(reports.size() - 1)))
                .contains(new CtapHidMessage(CHANNEL, CTAPHID_CBOR, payload));
    }

    static byte[] payload(int size) {
        byte[] payload = new byte[size];
        new Random(size).nextBytes(payload);
        return payload;
    }
}
