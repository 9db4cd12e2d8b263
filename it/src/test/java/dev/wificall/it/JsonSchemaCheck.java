package dev.wificall.it;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaException;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.resource.AllowSchemaLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Validates a JSON file against a JSON Schema (draft 2020-12 unless the schema's {@code $schema} says otherwise) with
 * networknt's json-schema-validator. Formats ({@code date-time}, {@code ipv4}, ...) are asserted, not only annotated.
 * Schemas load from files and the validator's built-in meta-schemas only, never from the network: a {@code $ref} to an
 * http(s) address fails.
 */
final class JsonSchemaCheck {

    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            builder -> builder.schemaLoaders(loaders -> loaders.add(new AllowSchemaLoader(
                    iri -> iri.toString().startsWith("file:") || iri.toString().startsWith("classpath:")))));

    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true)
            .locale(Locale.ROOT)
            .pathType(PathType.JSON_PATH) // $.operators[0].plmn rather than /operators/0/plmn
            .build();

    private JsonSchemaCheck() {
    }

    /**
     * The errors of {@code json} against {@code schema}, e.g. {@code $.ready: string found, boolean expected}, sorted;
     * empty when it is valid. A file that is not JSON (or repeats a key) gives one error. A schema that is not JSON,
     * is not a valid 2020-12 schema, or cannot be loaded is a mistake of the test: IllegalArgumentException.
     */
    static List<String> validate(Path json, Path schema) throws IOException {
        JsonSchema compiled = load(schema);
        JsonNode instance;
        try {
            instance = JSON.readTree(Files.readString(json));
        } catch (JsonProcessingException e) {
            return List.of(json + " is not JSON: " + e.getOriginalMessage() + " at line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr());
        }
        if (instance == null || instance.isMissingNode()) {
            return List.of(json + " is empty, not JSON");
        }
        try {
            return messages(compiled.validate(instance));
        } catch (JsonSchemaException e) {
            throw new IllegalArgumentException("cannot validate against " + schema + ": " + e.getMessage(), e);
        }
    }

    /** Fails with every error of {@link #validate(Path, Path)}, one a line, when {@code json} is not valid. */
    static void assertValid(Path json, Path schema) throws IOException {
        List<String> errors = validate(json, schema);
        if (!errors.isEmpty()) {
            throw new AssertionError(json + " does not match the JSON Schema " + schema + " (" + errors.size()
                    + (errors.size() == 1 ? " error" : " errors") + "):\n  " + String.join("\n  ", errors));
        }
    }

    private static JsonSchema load(Path schema) throws IOException {
        Path file = schema.toAbsolutePath().normalize();
        JsonNode node;
        try {
            node = JSON.readTree(Files.readString(file));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("JSON Schema " + file + " is not JSON: " + e.getOriginalMessage(), e);
        }
        if (node == null || !(node.isObject() || node.isBoolean())) {
            throw new IllegalArgumentException("JSON Schema " + file + " is neither an object nor a boolean");
        }
        try {
            // the schema itself against its meta-schema, which the validator ships: a typo such as "type": "strng"
            // would otherwise just never match
            JsonSchema meta = FACTORY.getSchema(SchemaLocation.of(metaSchemaOf(node)), CONFIG);
            List<String> wrong = messages(meta.validate(node));
            if (!wrong.isEmpty()) {
                throw new IllegalArgumentException("JSON Schema " + file + " is not a valid schema:\n  "
                        + String.join("\n  ", wrong));
            }
            // relative $refs resolve against the file
            JsonSchema compiled = FACTORY.getSchema(SchemaLocation.of(file.toUri().toString()), node, CONFIG);
            compiled.initializeValidators();
            return compiled;
        } catch (JsonSchemaException e) {
            throw new IllegalArgumentException("cannot load JSON Schema " + file + ": " + e.getMessage(), e);
        }
    }

    private static String metaSchemaOf(JsonNode schema) {
        JsonNode declared = schema.isObject() ? schema.get("$schema") : null;
        return declared != null && declared.isTextual() ? declared.asText() : SpecVersion.VersionFlag.V202012.getId();
    }

    private static List<String> messages(Set<ValidationMessage> messages) {
        return messages.stream().map(ValidationMessage::getMessage).sorted().toList();
    }
}
