package app.takeaways.slack.blocks;

/** The ids Slack sends back when someone uses what the bot's messages and forms offer. */
public final class ActionIds {

    /** Buttons on a capture's confirmation; their value is the takeaway's id. */
    public static final String EDIT = "takeaway_edit";
    public static final String DELETE = "takeaway_delete";
    public static final String SHARE = "takeaway_share";

    /** Search results: Share (value: the takeaway's id) and paging (ids start so; value: page and query). */
    public static final String SEARCH_SHARE = "search_share";
    public static final String SEARCH_PAGE = "search_page_";

    /** App Home's search box (dispatches on Enter) and the paging of its results. */
    public static final String HOME_SEARCH = "home_search";
    public static final String HOME_SEARCH_PAGE = "home_search_page_";

    /** "Summarize" on a talk thread's first message: the talk's summary, in its thread. */
    public static final String SUMMARIZE_TALK = "talk_summarize";

    /** App Home's export buttons: everything the person wrote, or everything they may see. */
    public static final String HOME_EXPORT_MINE = "home_export_mine";
    public static final String HOME_EXPORT_VISIBLE = "home_export_visible";

    /** App Home's "Save a takeaway" button. */
    public static final String HOME_CAPTURE = "home_capture";

    /** "Save it as a takeaway instead" under a subcommand's answer; its value is the note or a draft's id. */
    public static final String SAVE_INSTEAD = "save_instead";

    /** Under an import's preview: Import and Cancel; their value is the draft's id. */
    public static final String IMPORT_CONFIRM = "import_confirm";
    public static final String IMPORT_CANCEL = "import_cancel";

    /**
     * Under {@code /takeaway forget me}'s question: Delete (with Slack's confirm dialog) and Cancel. Their value is
     * who asked, only ever compared with who clicked: a click erases the clicker alone.
     */
    public static final String FORGET_ME_CONFIRM = "forget_me_confirm";
    public static final String FORGET_ME_CANCEL = "forget_me_cancel";

    /** Forms (modals) and the message shortcut. */
    public static final String IMPORT_FORM = "import_outline";
    public static final String CAPTURE_FORM = "capture_takeaway";
    public static final String EDIT_FORM = "edit_takeaway";
    public static final String SAVE_MESSAGE_SHORTCUT = "save_takeaway";

    private ActionIds() {
    }
}
