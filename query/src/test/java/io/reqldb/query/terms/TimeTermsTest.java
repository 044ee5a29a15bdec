package io.reqldb.query.terms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reqldb.datum.TimeDatum;
import io.reqldb.query.EngineHarness;
import io.reqldb.query.error.ReqlQueryLogicError;
import io.reqldb.query.terms.time.TimeArithmetic;
import org.junit.jupiter.api.Test;

class TimeTermsTest {
    private final EngineHarness reql = new EngineHarness(null);

    private static String epoch(double s) {
        return "[101,[" + s + "]]";
    }

    private String iso(String s) {
        return reql.run("[100,[[99,[\"" + s + "\"]]]]");
    }

    @Test
    void epochTimeRoundsToMilliseconds() {
        assertThat(reql.run("[102,[" + epoch(1.4444445) + "]]")).isEqualTo("1.444");
        assertThat(reql.run("[100,[" + epoch(1.4444445) + "]]")).isEqualTo("\"1970-01-01T00:00:01.444+00:00\"");
        assertThat(reql.run("[100,[" + epoch(2.058) + "]]")).isEqualTo("\"1970-01-01T00:00:02.058+00:00\"");
        assertThat(reql.run("[135,[" + epoch(1.4444445) + "]]")).isEqualTo("1.444");
    }

    @Test
    void yearsOutsideBoostRangeFail() {
        assertThat(reql.run("[128,[" + epoch(253430000000.0) + "]]")).isEqualTo("10000");
        assertThatThrownBy(() -> reql.run("[100,[" + epoch(253430000000.0) + "]]"))
                .hasMessage("Year `10000` out of valid ISO 8601 range [0, 9999].");
        assertThatThrownBy(() -> reql.run("[128,[" + epoch(253440000000.0) + "]]"))
                .hasMessage("Error in time logic: Year is out of valid range: 1400..10000.");
        assertThat(reql.run("[128,[" + epoch(-17980000000.0) + "]]")).isEqualTo("1400");
        assertThatThrownBy(() -> reql.run("[128,[" + epoch(-17990000000.0) + "]]"))
                .hasMessage("Error in time logic: Year is out of valid range: 1400..10000.");
    }

    @Test
    void iso8601AcceptsRethinkDbForms() {
        for (String d : new String[] {"2013", "2013-01", "2013-01-01", "20130101", "2013-001", "2013001"}) {
            for (String t : new String[] {"13", "13:00", "1300", "13:00:00", "13:00:00.000000", "130000.000000"}) {
                for (String z : new String[] {"Z", "+00", "+0000", "+00:00"}) {
                    assertThat(iso(d + "T" + t + z)).isEqualTo("\"2013-01-01T13:00:00+00:00\"");
                }
            }
        }
        assertThat(reql.run("[102,[[99,[\"2013-07-30T20:56:05-07:00\"]]]]")).isEqualTo("1375242965");
    }

    @Test
    void iso8601RejectsBadForms() {
        for (String bad : new String[] {"201301T13Z", "2013-0101T13Z", "2a13T13Z", "2013+01T13Z", "2013-01-01.1T13Z",
            "2013T a3Z", "2013T13:0000Z", "2013T13:000Z", "2013T13:00.00Z", "2013T130000.00000000aZ",
            "2013T13X", "2013T13-7", "2013T13-07:-1", "2013T13+07+01", "2013T13PST", "2013T13UTC", "2013T13Z+00"}) {
            assertThatThrownBy(() -> iso(bad)).as(bad).isInstanceOf(ReqlQueryLogicError.class);
        }
        assertThatThrownBy(() -> iso("2013-07-30T20:56:05"))
                .hasMessage("ISO 8601 string has no time zone, and no default time zone was provided.");
        assertThat(reql.run("[100,[[99,[\"2013-07-30T20:56:05\"],{\"default_timezone\":\"-07\"}]]]"))
                .isEqualTo("\"2013-07-30T20:56:05-07:00\"");
    }

    @Test
    void timeConstructorAndPortions() {
        String t = "[136,[2013,7,29,23,30,0.1,\"-07:00\"]]";
        assertThat(reql.run("[102,[" + t + "]]")).isEqualTo("1375165800.1");
        assertThat(reql.run("[127,[" + t + "]]")).isEqualTo("\"-07:00\"");
        assertThatThrownBy(() -> reql.run("[136,[2013,7,29,23,30]]"))
                .hasMessage("Got 5 arguments to TIME (expected 4 or 7).");
        assertThatThrownBy(() -> reql.run("[136,[2013,1,1,\"+25:00\"]]")).hasMessage("Hours out of range in `+25:00`.");
        String t1 = epoch(1375147296.6812);
        assertThat(reql.run("[102,[[106,[" + t1 + "]]]]")).isEqualTo("1375142400");
        assertThat(reql.run("[126,[" + t1 + "]]")).isEqualTo("4896.681");
        assertThat(reql.run("[131,[" + t1 + "]]")).isEqualTo("2");
        assertThat(reql.run("[132,[" + t1 + "]]")).isEqualTo("211");
        assertThat(reql.run("[135,[" + t1 + "]]")).isEqualTo("36.681");
        assertThat(reql.run("[100,[[106,[[104,[" + epoch(1436428422.339) + ",\"-08:00\"]]]]]]"))
                .isEqualTo("\"2015-07-08T00:00:00-08:00\"");
    }

    @Test
    void zonesAndDuring() {
        assertThatThrownBy(() -> reql.run("[104,[[103,[]],\"-00\"]]")).hasMessage("`-00` is not a valid time offset.");
        assertThatThrownBy(() -> reql.run("[104,[[103,[]],\"UTC+00\"]]"))
                .hasMessage("Timezone `UTC+00` does not start with `-` or `+`.");
        assertThatThrownBy(() -> reql.run("[104,[[103,[]],\"+00:60\"]]")).hasMessage("Minutes out of range in `+00:60`.");
        assertThat(reql.run("[105,[" + epoch(5) + "," + epoch(5) + "," + epoch(6) + "]]")).isEqualTo("true");
        assertThat(reql.run("[105,[" + epoch(5) + "," + epoch(5) + "," + epoch(6) + "],{\"left_bound\":\"open\"}]"))
                .isEqualTo("false");
        assertThat(reql.run("[105,[" + epoch(5) + "," + epoch(4) + "," + epoch(5) + "],{\"right_bound\":\"closed\"}]"))
                .isEqualTo("true");
        assertThatThrownBy(() -> reql.run("[128,[1]]")).hasMessage("Not a TIME pseudotype: `1`.");
    }

    @Test
    void arithmeticRoundsToMilliseconds() {
        TimeDatum t1 = new TimeDatum(1375147296.681, TimeDatum.UTC);
        assertThat(TimeArithmetic.add(t1, 1000).epochSeconds()).isEqualTo(1375148296.681);
        assertThat(TimeArithmetic.subtract(t1, new TimeDatum(1375147296.682, TimeDatum.UTC))).isEqualTo(-0.001);
        assertThatThrownBy(() -> TimeArithmetic.add(t1, (io.reqldb.datum.Datum) t1))
                .hasMessage("Expected type NUMBER but found PTYPE<TIME>.");
    }
}
