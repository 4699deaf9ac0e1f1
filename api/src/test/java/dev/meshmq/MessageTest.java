package dev.meshmq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageTest {

    @Test
    void aGroupIsPartOfTheMessageAndSurvivesTheOtherWithers() {
        Message plain = Message.of("body");
        assertEquals("", plain.group(), "no group is the empty group");
        Message grouped = plain.withGroup("weather");
        assertEquals("weather", grouped.group());
        assertNotEquals(plain, grouped);
        assertEquals(grouped, Message.of("body").withGroup("weather"));
        assertEquals(grouped.hashCode(), Message.of("body").withGroup("weather").hashCode());
        assertEquals("weather", grouped.withRoutingId(7).group());
        assertEquals("weather", grouped.withPeerMetadata(null).group());
        assertEquals(plain, plain.withGroup(""), "the empty group equals none");
        assertThrows(IllegalArgumentException.class, () -> Message.of("a", "b").withGroup("g"));
        IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class,
                () -> plain.withGroup("x".repeat(Groups.MAX_BYTES + 1)));
        assertEquals(true, tooLong.getMessage().startsWith("invalid group 'xxxx"), tooLong.getMessage());
    }

    @Test
    void aMessageOfAListKeepsItsFramesWhateverTheListDoesLater() {
        List<Frame> arrayList = new ArrayList<>(List.of(Frame.of("a"), Frame.of("b")));
        Message fromArrayList = Message.of(arrayList);
        arrayList.set(0, Frame.of("changed"));
        assertEquals(List.of("a", "b"), strings(fromArrayList));

        List<Frame> keepsItsArray = new LinkedList<>(List.of(Frame.of("x"), Frame.of("y"))) {
            @Override
            @SuppressWarnings("unchecked")
            public <T> T[] toArray(T[] ignored) {
                return (T[]) (Object[]) keepArray(super.toArray(new Frame[0]));
            }
        };
        Message fromOther = Message.of(keepsItsArray);
        kept[0] = Frame.of("changed");
        assertEquals(List.of("x", "y"), strings(fromOther), "a list that keeps the array cannot change the message");
    }

    @Test
    void singleAndMultiFrameMessagesBehaveAlikeHoweverTheyWereMade() {
        Message wrapped = Message.wrap(new byte[] {1, 2, 3});
        Message of = Message.of(Frame.of(new byte[] {1, 2, 3}));
        assertEquals(wrapped, of);
        assertEquals(wrapped.hashCode(), of.hashCode());
        assertEquals(1, wrapped.size());
        assertEquals(3, wrapped.byteCount());
        assertEquals(List.of(wrapped.first()), wrapped.frames());
        assertThrows(IndexOutOfBoundsException.class, () -> wrapped.frame(1));
        assertThrows(IndexOutOfBoundsException.class, () -> wrapped.frame(-1));

        Message two = wrapped.prepend(Frame.of("id"));
        assertEquals(Message.of(Frame.of("id"), Frame.of(new byte[] {1, 2, 3})), two);
        assertEquals(2, two.size());
        assertEquals(5, two.byteCount());
        assertEquals("id", two.first().asString());
        assertNotEquals(two, wrapped);
        assertNotEquals(wrapped, two);

        Message routed = Message.of("hello").withRoutingId(7);
        assertEquals(7, routed.routingId());
        assertEquals("hello", routed.string(0));
        assertNotEquals(Message.of("hello"), routed, "the routing id is part of a message");
        assertEquals(Message.of("a", "b").withRoutingId(9), Message.of("a", "b").withRoutingId(9));
        int count = 0;
        for (Frame frame : two) {
            count += frame.size();
        }
        assertEquals(5, count);
    }

    @Test
    void aNullFrameInAListIsRefused() {
        assertThrows(NullPointerException.class, () -> Message.of(Arrays.asList(Frame.of("a"), null)));
    }

    private static Frame[] kept = new Frame[0];

    private static Frame[] keepArray(Frame[] array) {
        kept = array;
        return array;
    }

    private static List<String> strings(Message message) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < message.size(); i++) {
            out.add(message.string(i));
        }
        return out;
    }
}
