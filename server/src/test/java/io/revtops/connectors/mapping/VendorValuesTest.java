package io.revtops.connectors.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class VendorValuesTest {
    static final JsonMapper JSON = JsonMapper.builder().build();

    static JsonNode v(String json) {
        return JSON.readTree(json);
    }

    @Test
    void instantsInTheShapesVendorsUse() {
        assertThat(VendorValues.instant(v("\"2026-01-02T03:04:05.678Z\""))).isEqualTo(Instant.parse("2026-01-02T03:04:05.678Z"));
        assertThat(VendorValues.instant(v("\"2026-01-02T03:04:05.000+0000\""))).isEqualTo(Instant.parse("2026-01-02T03:04:05Z"));
        assertThat(VendorValues.instant(v("\"2026-01-02T03:04:05+02:00\""))).isEqualTo(Instant.parse("2026-01-02T01:04:05Z"));
        assertThat(VendorValues.instant(v("1767225600000"))).isEqualTo(Instant.ofEpochMilli(1767225600000L));
        assertThat(VendorValues.instant(v("\"1767225600000\""))).isEqualTo(Instant.ofEpochMilli(1767225600000L));
        assertThat(VendorValues.instant(v("\"2026-01-02\""))).isEqualTo(Instant.parse("2026-01-02T00:00:00Z"));
        assertThat(VendorValues.instant(v("\"2026-01-02T03:04:05\""))).isEqualTo(Instant.parse("2026-01-02T03:04:05Z"));
        assertThat(VendorValues.instant(v("\"yesterday\""))).isNull();
        assertThat(VendorValues.instant(v("\"9999-01-01T00:00:00Z\""))).as("absurd years").isNull();
        assertThat(VendorValues.instant(v("{\"a\":1}"))).isNull();
        assertThat(VendorValues.instant(v("true"))).isNull();
        assertThat(VendorValues.date(v("\"2026-02-30\""))).isNull();
        assertThat(VendorValues.date(v("\"2026-03-31T23:30:00-05:00\""))).isEqualTo(LocalDate.of(2026, 4, 1));
    }

    @Test
    void instantsWithAnOffsetWithoutColonInEitherDirectionAndNothingImpossible() {
        assertThat(VendorValues.instant(v("\"2026-01-02T03:04:05.000-0500\""))).isEqualTo(Instant.parse("2026-01-02T08:04:05Z"));
        assertThat(VendorValues.instant(v("\"2026-01-02T03:04:05+0130\""))).isEqualTo(Instant.parse("2026-01-02T01:34:05Z"));
        assertThat(VendorValues.instant(v("\"2026-13-02T03:04:05.000+0000\""))).as("month 13").isNull();
        assertThat(VendorValues.instant(v("\"2026-01-02T25:04:05.000+0000\""))).as("hour 25").isNull();
    }

    @Test
    void numbersFromTextOrJsonAndNothingAbsurd() {
        assertThat(VendorValues.decimal(v("\"1,250.50\""))).isEqualByComparingTo("1250.5");
        assertThat(VendorValues.decimal(v("1e3"))).isEqualByComparingTo("1000");
        assertThat(VendorValues.decimal(v("\"1e400\""))).isNull();
        assertThat(VendorValues.decimal(v("\"NaN\""))).isNull();
        assertThat(VendorValues.decimal(v("[1]"))).isNull();
        assertThat(VendorValues.integer(v("\"12.0\""))).isEqualTo(12);
        assertThat(VendorValues.integer(v("\"12.5\""))).isNull();
        assertThat(VendorValues.integer(v("99999999999"))).isNull();
        assertThat(VendorValues.bool(v("\"TRUE\""))).isTrue();
        assertThat(VendorValues.bool(v("\"maybe\""))).isNull();
        assertThat(VendorValues.decimal(v("123")).scale()).isZero();
        assertThat(new BigDecimal("1").compareTo(VendorValues.decimal(v("\"1.000\"")))).isZero();
    }

    @Test
    void textIsCleanedAndCapped() {
        assertThat(VendorValues.text(v("\"  a\\u0000b  \""))).isEqualTo("ab");
        assertThat(VendorValues.text(v("\"   \""))).isNull();
        assertThat(VendorValues.text(v("42"))).isEqualTo("42");
        assertThat(VendorValues.text(v("{\"x\":1}"))).isNull();
        assertThat(VendorValues.text(v("\"" + "é".repeat(5000) + "\""))).hasSize(VendorValues.MAX_SHORT);
        assertThat(VendorValues.email(v("\"Pat.Lee@Acme.Example\""))).isEqualTo("pat.lee@acme.example");
        assertThat(VendorValues.email(v("\"pat@\""))).isNull();
        assertThat(VendorValues.plainText("<p>Hello&nbsp;<b>you</b></p><p>there &amp; back</p>")).isEqualTo("Hello you\nthere & back");
        assertThat(VendorValues.firstLine("\n\n  First line\nsecond", 5)).isEqualTo("Firs…");
    }
}
