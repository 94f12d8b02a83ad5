/**
 * Notes in and out: outlines people already wrote elsewhere (plain text with bullets, Markdown, Logseq and Obsidian
 * outlines, OPML) read as days or events, talks and their takeaways and imported; and a team's takeaways given
 * back as a Markdown outline of the same shape and a CSV.
 */
package app.takeaways.export;
