package app.takeaways.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Dockerfile read as Docker reads it, as far as the tests need: instructions (continuation lines joined, comments
 * and blank lines left out), split into stages at each {@code FROM}.
 */
record Dockerfile(List<Stage> stages) {

    static final Path PATH = Path.of("Dockerfile");

    private static final Pattern ENV_PAIR = Pattern.compile("(\\w+)=(\"[^\"]*\"|\\S*)");
    private static final Pattern USERADD = Pattern.compile("\\buseradd\\s+([^&;|]+)");

    record Instruction(String keyword, String arguments) {
    }

    record Stage(String from, List<Instruction> instructions) {

        List<Instruction> all(String keyword) {
            return instructions.stream().filter(i -> i.keyword().equals(keyword)).toList();
        }

        Optional<Instruction> last(String keyword) {
            List<Instruction> matching = all(keyword);
            return matching.isEmpty() ? Optional.empty() : Optional.of(matching.get(matching.size() - 1));
        }

        /** Every variable its {@code ENV} lines set ({@code ENV A=1 B=2}, or the old {@code ENV A 1}). */
        Map<String, String> env() {
            Map<String, String> env = new LinkedHashMap<>();
            for (Instruction instruction : all("ENV")) {
                String[] nameValue = instruction.arguments().split("\\s+", 2);
                if (!nameValue[0].contains("=")) {
                    env.put(nameValue[0], nameValue.length > 1 ? nameValue[1] : "");
                    continue;
                }
                Matcher pair = ENV_PAIR.matcher(instruction.arguments());
                while (pair.find()) {
                    env.put(pair.group(1), pair.group(2).replaceAll("^\"|\"$", ""));
                }
            }
            return env;
        }

        /** The uid a {@code RUN useradd --uid N name} in this stage gave that user name. */
        OptionalInt uidCreatedFor(String userName) {
            for (Instruction run : all("RUN")) {
                Matcher useradd = USERADD.matcher(run.arguments());
                while (useradd.find()) {
                    List<String> words = List.of(useradd.group(1).strip().split("\\s+"));
                    int uid = Math.max(words.indexOf("--uid"), words.indexOf("-u"));
                    if (words.get(words.size() - 1).equals(userName) && uid >= 0 && uid + 1 < words.size()) {
                        return OptionalInt.of(Integer.parseInt(words.get(uid + 1)));
                    }
                }
            }
            return OptionalInt.empty();
        }
    }

    static Dockerfile read() throws IOException {
        return parse(Files.readString(PATH));
    }

    static Dockerfile parse(String text) {
        List<Stage> stages = new ArrayList<>();
        List<Instruction> current = null;
        StringBuilder line = new StringBuilder();
        for (String physical : text.split("\\R", -1)) {
            String stripped = physical.strip();
            if (stripped.startsWith("#") || stripped.isEmpty() && line.length() == 0) {
                continue;
            }
            if (stripped.endsWith("\\")) {
                line.append(stripped, 0, stripped.length() - 1).append(' ');
                continue;
            }
            line.append(stripped);
            String[] keywordArguments = line.toString().strip().split("\\s+", 2);
            line.setLength(0);
            String keyword = keywordArguments[0].toUpperCase(Locale.ROOT);
            String arguments = keywordArguments.length > 1 ? keywordArguments[1].strip() : "";
            if (keyword.equals("FROM")) {
                current = new ArrayList<>();
                stages.add(new Stage(arguments, current));
            } else if (current != null) {
                current.add(new Instruction(keyword, arguments));
            }
        }
        return new Dockerfile(List.copyOf(stages));
    }

    /** The stage the image is: the last one. */
    Stage finalStage() {
        return stages.get(stages.size() - 1);
    }

    /**
     * The uid the image runs as: the final stage's last {@code USER}, numeric, or a name that stage created with
     * {@code useradd --uid}. Empty when there is no {@code USER} (root) or its uid cannot be known.
     */
    OptionalInt runtimeUid() {
        Optional<Instruction> user = finalStage().last("USER");
        if (user.isEmpty()) {
            return OptionalInt.empty();
        }
        String name = user.get().arguments().split(":", 2)[0];
        if (name.matches("\\d+")) {
            return OptionalInt.of(Integer.parseInt(name));
        }
        return name.equals("root") ? OptionalInt.of(0) : finalStage().uidCreatedFor(name);
    }
}
