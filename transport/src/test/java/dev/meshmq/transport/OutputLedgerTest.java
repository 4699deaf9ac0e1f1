package dev.meshmq.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The ledger of messages taken from the pipe and not yet written in full, across partial writes. */
class OutputLedgerTest {

    @Test
    void aMessageCountsUntilItsLastByteIsWritten() {
        OutputLedger ledger = new OutputLedger();
        ledger.wrote(64);                 // a greeting: no message
        assertEquals(0, ledger.unwritten());
        ledger.started();
        ledger.encoded(10);               // message 1: bytes 64..74
        ledger.started();
        ledger.encoded(25);               // message 2: bytes 74..89
        ledger.started();                 // message 3 still in the encoder
        assertEquals(3, ledger.unwritten());
        ledger.wrote(9);
        assertEquals(3, ledger.unwritten(), "message 1 lacks its last byte");
        ledger.wrote(1);
        assertEquals(2, ledger.unwritten());
        ledger.wrote(15);
        assertEquals(1, ledger.unwritten(), "only the message in the encoder is left");
        ledger.encoded(30);
        ledger.wrote(30);
        assertEquals(0, ledger.unwritten());
    }

    @Test
    void manyMessagesInOneBufferRetireTogetherAndTheRingGrows() {
        OutputLedger ledger = new OutputLedger();
        for (int i = 1; i <= 1000; i++) {
            ledger.started();
            ledger.encoded(i * 3);
        }
        assertEquals(1000, ledger.unwritten());
        ledger.wrote(1500);
        assertEquals(500, ledger.unwritten());
        ledger.started();
        ledger.encoded(1500 + 3);         // the buffer was compacted: 1500 bytes left, then 3 more
        ledger.wrote(1503);
        assertEquals(0, ledger.unwritten());
    }
}
