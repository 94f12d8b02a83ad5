package app.takeaways.workspace;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ChannelTypeTests {

    @Test
    void infersWhatASlashCommandTells() {
        assertThat(ChannelType.inferFromCommand("D0123", "directmessage")).isEqualTo(ChannelType.IM);
        assertThat(ChannelType.inferFromCommand("G0123", "mpdm-ana--bo--cy-1")).isEqualTo(ChannelType.MPIM);
        assertThat(ChannelType.inferFromCommand("G8PSS9T3V", "foobar")).isEqualTo(ChannelType.PRIVATE_CHANNEL);
        assertThat(ChannelType.inferFromCommand("C0123", "privategroup")).isEqualTo(ChannelType.PRIVATE_CHANNEL);
        assertThat(ChannelType.inferFromCommand("C111", "general")).isEqualTo(ChannelType.UNKNOWN);
    }

    @Test
    void onlyPublicChannelsArePublic() {
        assertThat(ChannelType.values()).filteredOn(ChannelType::isPublic).containsExactly(ChannelType.PUBLIC_CHANNEL);
    }

    @Test
    void roundTripsItsStoredName() {
        for (ChannelType type : ChannelType.values()) {
            assertThat(ChannelType.fromValue(type.value())).isEqualTo(type);
        }
    }
}
