package dev.wificall.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** JsonSchemaCheck on small schemas and documents of its own. Needs no lab and no network. */
class JsonSchemaCheckTest {

    private static final String SCHEMA = """
            {
              "$schema": "https://json-schema.org/draft/2020-12/schema",
              "type": "object",
              "required": ["ready", "checkedAt", "operators"],
              "additionalProperties": false,
              "properties": {
                "ready": {"type": "boolean"},
                "checkedAt": {"type": "string", "format": "date-time"},
                "operators": {"type": "array", "items": {"$ref": "operator.schema.json"}}
              }
            }
            """;

    private static final String OPERATOR = """
            {
              "$schema": "https://json-schema.org/draft/2020-12/schema",
              "type": "object",
              "required": ["plmn"],
              "properties": {"plmn": {"type": "string", "pattern": "^[0-9]{3}-[0-9]{2,3}$"}}
            }
            """;

    @TempDir
    Path dir;
    Path schema;

    @BeforeEach
    void schemas() throws IOException {
        schema = write("report.schema.json", SCHEMA);
        write("operator.schema.json", OPERATOR);
    }

    @Test
    void aValidDocumentHasNoErrors() throws IOException {
        Path json = write("ok.json", """
                {"ready": true, "checkedAt": "2026-11-27T10:15:30Z", "operators": [{"plmn": "262-01"}]}
                """);
        assertThat(JsonSchemaCheck.validate(json, schema)).isEmpty();
        assertThatCode(() -> JsonSchemaCheck.assertValid(json, schema)).doesNotThrowAnyException();
    }

    @Test
    void everyErrorIsListedWithItsPath() throws IOException {
        Path json = write("bad.json", """
                {"ready": "yes", "checkedAt": "yesterday", "operators": [{"plmn": "26201"}], "extra": 1}
                """);
        assertThat(JsonSchemaCheck.validate(json, schema)).hasSize(4)
                .anySatisfy(e -> assertThat(e).startsWith("$.ready").contains("boolean"))
                .anySatisfy(e -> assertThat(e).startsWith("$.checkedAt").contains("date-time"))
                .anySatisfy(e -> assertThat(e).startsWith("$.operators[0].plmn").contains("pattern"))
                .anySatisfy(e -> assertThat(e).startsWith("$:").contains("'extra'"));
        assertThatThrownBy(() -> JsonSchemaCheck.assertValid(json, schema))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(json + " does not match the JSON Schema " + schema + " (4 errors):")
                .hasMessageContaining("$.ready").hasMessageContaining("$.operators[0].plmn");
    }

    @Test
    void aMissingPropertyIsAnError() throws IOException {
        Path json = write("missing.json", "{\"ready\": false, \"operators\": []}");
        assertThat(JsonSchemaCheck.validate(json, schema)).singleElement().asString().contains("checkedAt");
    }

    @Test
    void notJsonIsOneError() throws IOException {
        Path json = write("broken.json", "{\"ready\": true,");
        assertThat(JsonSchemaCheck.validate(json, schema)).singleElement().asString()
                .startsWith(json + " is not JSON");
    }

    @Test
    void aRepeatedKeyIsAnError() throws IOException {
        Path json = write("twice.json", """
                {"ready": true, "ready": false, "checkedAt": "2026-11-27T10:15:30Z", "operators": []}
                """);
        assertThat(JsonSchemaCheck.validate(json, schema)).singleElement().asString()
                .contains("is not JSON").contains("Duplicate field 'ready'");
    }

    @Test
    void anInvalidSchemaIsTheTestsMistake() throws IOException {
        Path bad = write("bad.schema.json", """
                {"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "strng"}
                """);
        Path json = write("any.json", "{}");
        assertThatThrownBy(() -> JsonSchemaCheck.validate(json, bad))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(bad + " is not a valid schema").hasMessageContaining("$.type");
    }

    @Test
    @Timeout(10)
    void aSchemaOnTheNetworkIsNotFetched() throws IOException {
        Path remote = write("remote.schema.json", """
                {"$schema": "https://json-schema.org/draft/2020-12/schema",
                 "$ref": "https://schemas.example.invalid/report.json"}
                """);
        Path json = write("any.json", "{}");
        assertThatThrownBy(() -> JsonSchemaCheck.validate(json, remote))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("https://schemas.example.invalid/report.json");
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }
}
