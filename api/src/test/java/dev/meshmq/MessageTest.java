package dev.meshmq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageTest {

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
