package app.takeaways.note;

/** The text names a talk but says nothing about it: there is nothing to keep. */
public class EmptyTakeawayException extends RuntimeException {

    public EmptyTakeawayException() {
        super("A takeaway needs more than a talk title");
    }
}
