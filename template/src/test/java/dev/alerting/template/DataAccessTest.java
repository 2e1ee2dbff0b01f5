package dev.alerting.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** How plain Java data looks to templates: records as structs, maps, methods, functions. */
class DataAccessTest {
  @GoType("test.Host")
  public record Host(String name, long port, List<String> tags) {
    public String address(String scheme) {
      return scheme + "://" + name + ":" + port;
    }

    public String fail() {
      throw new IllegalStateException("no route to " + name);
    }
  }

  /** A map with a method, like Alertmanager's KV. */
  public static final class Env implements GoMap {
    @Override
    public SortedMap<String, ?> entries() {
      return new TreeMap<>(Map.of("region", "eu", "zone", "b"));
    }

    public String summary() {
      return "eu/b";
    }
  }

  private static final Map<String, Object> DATA =
      Map.of(
          "host",
          new Host("db", 5432, List.of("primary", "ssd")),
          "env",
          new Env(),
          "plain",
          Map.of("k", "v"),
          "double",
          (TemplateFunction) args -> (Long) args.get(0) * 2);

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of(
            "record components are fields", "{{ .host.Name }}:{{ .host.Port }}", "db:5432"),
        Arguments.of("a record prints as a Go struct", "{{ .host }}", "{db 5432 [primary ssd]}"),
        Arguments.of(
            "%+v names the fields",
            "{{ printf \"%+v\" .host }}", "{Name:db Port:5432 Tags:[primary ssd]}"),
        Arguments.of("%T uses the GoType name", "{{ printf \"%T\" .host }}", "test.Host"),
        Arguments.of("methods take arguments", "{{ .host.Address \"tcp\" }}", "tcp://db:5432"),
        Arguments.of(
            "a failing method is a call error",
            "{{ .host.Fail }}",
            "ERR error calling Fail: no route to db"),
        Arguments.of(
            "a GoMap ranges in key order",
            "{{ range $k, $v := .env }}{{ $k }}={{ $v }} {{ end }}",
            "region=eu zone=b "),
        Arguments.of("a GoMap keeps its methods", "{{ .env.Summary }}", "eu/b"),
        Arguments.of("a GoMap's missing key is its zero value", "[{{ .env.nope }}]", "[]"),
        Arguments.of(
            "a plain map's missing key has no value", "[{{ .plain.nope }}]", "[<no value>]"),
        Arguments.of("call runs a function value", "{{ call .double 21 }}", "42"),
        Arguments.of(
            "lists index and range",
            "{{ index .host.Tags 1 }} {{ range .host.Tags }}<{{ . }}>{{ end }}",
            "ssd <primary><ssd>"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  @DisplayName("Java data is read as Go would read the matching Go data")
  void reads(String why, String text, String expected) {
    Templates t = Templates.parse(List.of(), FunctionLibrary.empty());
    String out;
    try {
      out = t.render(text, DATA);
    } catch (TemplateException e) {
      out = "ERR " + e.getMessage().substring(e.getMessage().indexOf(">: ") + 3);
    }
    assertThat(out).isEqualTo(expected);
  }
}
