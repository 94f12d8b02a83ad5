package app.takeaways.note;

import app.takeaways.workspace.ChannelType;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Enums are stored by their lower-case names, which stay readable in SQL. */
final class StoredValueConverters {

    private StoredValueConverters() {
    }

    @Converter(autoApply = true)
    static class SourceConverter implements AttributeConverter<Source, String> {

        @Override
        public String convertToDatabaseColumn(Source source) {
            return source == null ? null : source.value();
        }

        @Override
        public Source convertToEntityAttribute(String value) {
            return value == null ? null : Source.fromValue(value);
        }
    }

    @Converter(autoApply = true)
    static class ChannelTypeConverter implements AttributeConverter<ChannelType, String> {

        @Override
        public String convertToDatabaseColumn(ChannelType type) {
            return type == null ? null : type.value();
        }

        @Override
        public ChannelType convertToEntityAttribute(String value) {
            return value == null ? null : ChannelType.fromValue(value);
        }
    }
}
