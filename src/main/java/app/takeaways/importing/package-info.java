/**
 * Notes people already wrote elsewhere, brought in: outlines (plain text with bullets, Markdown, Logseq and Obsidian
 * outlines, OPML) read as days or events, talks and their takeaways.
 */
package app.takeaways.importing;
