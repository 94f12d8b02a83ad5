package app.takeaways.note;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TakeawayTextParserTests {

    @Test
    void findsTagsLowerCasedOnceInOrder() {
        TakeawayText text = TakeawayTextParser.parse("Karpenter rocks #K8s #AWS and #k8s again, also #cost-savings.");

        assertThat(text.tags()).containsExactly("k8s", "aws", "cost-savings");
    }

    @Test
    void slackChannelReferencesAreNotTags() {
        TakeawayText text = TakeawayTextParser.parse("Shared in <#C123ABC|devops> and <#C999> #real");

        assertThat(text.tags()).containsExactly("real");
    }

    @Test
    void urlFragmentsCodeAndHeadingsAreNotTags() {
        TakeawayText text = TakeawayTextParser.parse("""
                # Heading
                See https://docs.aws.amazon.com/eks/latest#section and <https://x.io/a#b|the doc>
                `#include <stdio.h>` and ```
                #not-a-tag
                ``` then C# and issue #42 and #ok""");

        assertThat(text.tags()).containsExactly("ok");
    }

    @Test
    void overlongTagsAreNotTags() {
        String longTag = "a".repeat(TakeawayTextParser.MAX_TAG_LENGTH + 1);

        assertThat(TakeawayTextParser.parse("#" + longTag + " #fine").tags()).containsExactly("fine");
    }

    @Test
    void findsSlackLinksWithLabelsAndBareUrls() {
        TakeawayText text = TakeawayTextParser.parse(
                "Slides <https://example.com/slides?a=1&amp;b=2|the slides>, repo <https://github.com/aws/karpenter>"
                        + " and (https://en.wikipedia.org/wiki/Bin_packing_(disambiguation)). Also https://x.io/y.");

        assertThat(text.links()).extracting(Link::url).containsExactly(
                "https://example.com/slides?a=1&b=2",
                "https://github.com/aws/karpenter",
                "https://en.wikipedia.org/wiki/Bin_packing_(disambiguation)",
                "https://x.io/y");
        assertThat(text.links()).extracting(Link::label).containsExactly("the slides", null, null, null);
    }

    @Test
    void mailtoAndUserMentionsAreNotLinks() {
        assertThat(TakeawayTextParser.parse("ask <mailto:a@b.io|a@b.io> or <@U123|ana>").links()).isEmpty();
    }

    @Test
    void sameUrlTwiceIsOneLink() {
        assertThat(TakeawayTextParser.parse("<https://a.io|A> and https://a.io").links())
                .containsExactly(new Link("https://a.io", "A"));
    }

    @Test
    void readsTalkTitleInStraightOrSmartQuotesOrOneWord() {
        assertThat(TakeawayTextParser.parse("nodes scale fast talk:\"EKS  deep dive\" #k8s").talkTitle())
                .contains("EKS deep dive");
        assertThat(TakeawayTextParser.parse("talk:“Keynote: Werner” was great").talkTitle())
                .contains("Keynote: Werner");
        assertThat(TakeawayTextParser.parse("Talk:Keynote was great").talkTitle()).contains("Keynote");
        assertThat(TakeawayTextParser.parse("talk: \"Spaced out\" fine").talkTitle()).contains("Spaced out");
        assertThat(TakeawayTextParser.parse("Q&amp;A talk:\"Q&amp;A with the &lt;team&gt;\"").talkTitle())
                .contains("Q&A with the <team>");
    }

    @Test
    void unclosedTalkQuoteRunsToTheEndOfTheLine() {
        TakeawayText text = TakeawayTextParser.parse("talk:\"Serverless at scale\n- cold starts matter less");

        assertThat(text.talkTitle()).contains("Serverless at scale");
        assertThat(text.body()).isEqualTo("- cold starts matter less");
    }

    @Test
    void talkDirectiveIsNotPartOfTheBodyNorATag() {
        TakeawayText text = TakeawayTextParser.parse("Use spot #k8s talk:\"C# #tips\" for batch");

        assertThat(text.body()).isEqualTo("Use spot #k8s for batch");
        assertThat(text.tags()).containsExactly("k8s");
        assertThat(text.text()).isEqualTo("Use spot #k8s talk:\"C# #tips\" for batch");
    }

    @Test
    void noTalkWithoutTheDirective() {
        assertThat(TakeawayTextParser.parse("we talked: about talk shows").talkTitle()).isEmpty();
        assertThat(TakeawayTextParser.parse("talk:\"\" empty").talkTitle()).isEmpty();
    }

    @Test
    void keepsMultiLineBulletsAsWritten() {
        String notes = """
                talk:"EKS deep dive"
                - Karpenter
                  - consolidation: bin-packs nodes
                  - spot interruption handling
                - <https://karpenter.sh|karpenter.sh> #k8s""";

        TakeawayText text = TakeawayTextParser.parse(notes);

        assertThat(text.text()).isEqualTo(notes);
        assertThat(text.body()).isEqualTo("""
                - Karpenter
                  - consolidation: bin-packs nodes
                  - spot interruption handling
                - <https://karpenter.sh|karpenter.sh> #k8s""");
        assertThat(text.tags()).containsExactly("k8s");
        assertThat(text.links()).containsExactly(new Link("https://karpenter.sh", "karpenter.sh"));
    }

    @Test
    void talkKeyIgnoresCaseAndSpacing() {
        assertThat(TakeawayTextParser.talkKey("  EKS   Deep Dive ")).isEqualTo(TakeawayTextParser.talkKey("eks deep dive"));
    }
}
