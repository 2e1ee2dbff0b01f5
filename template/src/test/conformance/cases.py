"""The conformance cases: name, template text, data set, optional defines file, and which peer
renders the expectation (see generate.py)."""

CASES = []


def A(name, text, data="two", defs=None):
    CASES.append({"name": name, "source": "amtool", "text": text, "data": data, "defs": defs})


def P(name, text):
    CASES.append({"name": name, "source": "promtool", "text": text})


def D(define, data):
    CASES.append({"name": "default %s on %s" % (define, data), "source": "defaults",
                  "text": '{{ template "%s" . }}' % define, "data": data})


# --- text, trimming, comments -------------------------------------------------------------
A("plain text", "hello, world")
A("trim both sides", "a  {{- \"b\" -}}  c")
A("trim left only", "a \n {{- \"b\" }} c")
A("trim right only", "a {{ \"b\" -}} \n\t c")
A("minus number is not a trim marker", "{{ -3 }}")
A("comment disappears", "a{{/* a comment */}}b")
A("trimmed comment", "a  {{- /* c */ -}}  b")
A("multi-line comment", "x{{/* one\ntwo */}}y")

# --- if / else ------------------------------------------------------------------------------
A("if true", "{{ if true }}yes{{ end }}")
A("if false with else", "{{ if false }}yes{{ else }}no{{ end }}")
A("else if chain", "{{ if eq .Status \"resolved\" }}r{{ else if eq .Status \"firing\" }}f{{ else }}?{{ end }}")
A("if on empty string is false", "{{ if \"\" }}y{{ else }}n{{ end }}")
A("if on zero is false", "{{ if 0 }}y{{ else }}n{{ end }}")
A("if on empty list is false", "{{ if .Alerts.Resolved }}y{{ else }}n{{ end }}", data="firing2")
A("if on non-empty map is true", "{{ if .CommonLabels }}y{{ end }}")
A("if on empty map is false", "{{ if .GroupLabels }}y{{ else }}n{{ end }}", data="firing2")
A("if on struct is true", "{{ if index .Alerts 0 }}y{{ end }}")
A("if with declaration", "{{ if $n := len .Alerts }}{{ $n }} alerts{{ end }}")

# --- range ----------------------------------------------------------------------------------
A("range over alerts", "{{ range .Alerts }}[{{ .Status }}]{{ end }}")
A("range with index and element", "{{ range $i, $a := .Alerts }}{{ $i }}:{{ $a.Fingerprint }} {{ end }}")
A("range with element variable", "{{ range $a := .Alerts }}{{ $a.Status }},{{ end }}")
A("range over map in key order", "{{ range $k, $v := .CommonLabels }}{{ $k }}={{ $v }};{{ end }}")
A("range over map values", "{{ range .CommonLabels }}{{ . }} {{ end }}")
A("range else on empty", "{{ range .Alerts.Resolved }}x{{ else }}none{{ end }}", data="firing2")
A("range break", "{{ range $i, $a := .Alerts }}{{ if eq $i 1 }}{{ break }}{{ end }}{{ $i }}{{ end }}", data="firing2")
A("range continue", "{{ range $i, $a := .Alerts }}{{ if eq $i 0 }}{{ continue }}{{ end }}{{ $i }}{{ end }}", data="firing2")
A("range over sorted pairs", "{{ range .CommonLabels.SortedPairs }}{{ .Name }}:{{ .Value }} {{ end }}")
A("range over stringSlice", "{{ range stringSlice \"a\" \"b\" \"c\" }}<{{ . }}>{{ end }}")
A("nested range sees outer variable", "{{ range $a := .Alerts }}{{ range .Labels.SortedPairs }}{{ $a.Status }}/{{ .Name }} {{ end }}{{ end }}", data="firing2")
A("range over a string fails", "{{ range \"abc\" }}{{ . }}{{ end }}")
A("range over an int fails", "{{ range 3 }}{{ . }}{{ end }}")
A("range assigns to existing variables", "{{ $i := 9 }}{{ $x := 0 }}{{ range $i, $x = .Alerts }}{{ end }}{{ $i }}")

# --- with -----------------------------------------------------------------------------------
A("with sets dot", "{{ with .CommonAnnotations }}{{ .summary }}{{ end }}")
A("with else", "{{ with .Alerts.Resolved }}r{{ else }}none resolved{{ end }}", data="firing2")
A("with on missing label is empty", "{{ with .CommonLabels.nope }}x{{ else }}empty{{ end }}")
A("with declaration", "{{ with $s := .Status }}{{ $s }}!{{ end }}")

# --- define / template / block ---------------------------------------------------------------
DEFS = ('{{ define "greet" }}Hello {{ . }}{{ end }}'
        '{{ define "count" }}{{ len .Alerts }} alerts for {{ .Receiver }}{{ end }}'
        '{{ define "list" }}{{ range . }}- {{ .Labels.alertname }}\n{{ end }}{{ end }}'
        '{{ define "vars" }}{{ $ }}{{ end }}')
A("template with string argument", "{{ template \"greet\" \"you\" }}", defs=DEFS)
A("template with dot", "{{ template \"count\" . }}", defs=DEFS)
A("template with pipeline", "{{ template \"list\" .Alerts.Firing }}", defs=DEFS, data="firing2")
A("template without argument gets no value", "{{ template \"greet\" }}", defs=DEFS)
A("template dollar is its argument", "{{ template \"vars\" .Receiver }}", defs=DEFS)
A("template not defined", "{{ template \"nope\" . }}", defs=DEFS)
A("block defines and runs", "{{ block \"b\" .Status }}[{{ . }}]{{ end }}")
A("block is overridden by a define", "{{ block \"greet\" \"x\" }}default{{ end }}", defs=DEFS)
A("define in inline text", "{{ define \"t\" }}T{{ . }}{{ end }}{{ template \"t\" 1 }}")
A("file template by name", "{{ template \"defs.tmpl\" . }}", defs="file body {{ .Receiver }}")

# --- variables, pipelines, operands ----------------------------------------------------------
A("declare and use", "{{ $x := \"v\" }}{{ $x }}")
A("assign changes value", "{{ $x := 1 }}{{ $x = 2 }}{{ $x }}")
A("assign inside if survives", "{{ $x := 1 }}{{ if true }}{{ $x = 2 }}{{ end }}{{ $x }}")
A("declare inside if is scoped", "{{ $x := 1 }}{{ if true }}{{ $x := 2 }}{{ $x }}{{ end }}{{ $x }}")
A("dollar is the root", "{{ range .Alerts }}{{ $.Receiver }} {{ end }}")
A("pipeline feeds last argument", "{{ \"abc\" | printf \"%s-%s\" \"x\" }}")
A("pipeline of three", "{{ .Status | toUpper | printf \"<%s>\" }}")
A("parenthesised pipeline", "{{ printf \"%d+%d\" (len .Alerts) (len .CommonLabels) }}")
A("field of parenthesised pipeline", "{{ (index .Alerts 0).Labels.instance }}")
A("method with argument", "{{ (.CommonLabels.Remove (stringSlice \"alertname\")).Names }}")
A("chained methods", "{{ .CommonLabels.SortedPairs.Values }}")
A("raw string", "{{ `a\\nb \"q\"` }}")
A("char constant prints its code", "{{ 'a' }}")
A("char escape", "{{ printf \"%c%c\" 'x' '\\n' }}")
A("hex number", "{{ 0x1F }}")
A("octal number", "{{ 0o17 }} {{ 017 }}")
A("binary number", "{{ 0b101 }}")
A("number with underscores", "{{ 1_000_000 }}")
A("float number", "{{ 1.5 }}")
A("float with exponent", "{{ 1e3 }} {{ 2.5e-3 }}")
A("integral float prints as float", "{{ 3.0 }}")
A("negative number", "{{ -42 }}")
A("bool constants", "{{ true }} {{ false }}")
A("string escapes", "{{ \"tab\\there\\u00e9\" }}")
A("variable field chain", "{{ $a := index .Alerts 0 }}{{ $a.Labels.alertname }}")
A("nil is not a command", "{{ nil }}")
A("dot as command", "{{ .Receiver | printf \"%q\" }}")

# --- builtins -------------------------------------------------------------------------------
A("and returns first falsy", "{{ and 1 0 2 }}")
A("and returns last when all true", "{{ and 1 \"x\" 3 }}")
A("or returns first truthy", "{{ or 0 \"\" \"z\" 5 }}")
A("or returns last when all false", "{{ or 0 \"\" }}")
A("and short-circuits", "{{ and false (index .Alerts 99) }}")
A("or short-circuits", "{{ or true (index .Alerts 99) }}")
A("not", "{{ not 0 }} {{ not \"a\" }}")
A("len of string counts bytes", "{{ len \"héllo\" }}")
A("len of map", "{{ len .CommonLabels }}")
A("len of int fails", "{{ len 3 }}")
A("index list", "{{ (index .Alerts 1).Status }}")
A("index map", "{{ index .CommonLabels \"severity\" }}")
A("index missing map key", "[{{ index .CommonLabels \"nope\" }}]")
A("index nested", "{{ index (index .Alerts 0).Labels \"instance\" }}")
A("index string gives byte", "{{ index \"abc\" 1 }}")
A("index out of range", "{{ index .Alerts 5 }}")
A("index at length", "{{ index .Alerts 2 }}")
A("index map with int fails", "{{ index .CommonLabels 1 }}")
A("slice string", "{{ slice \"abcdef\" 1 3 }}")
A("slice string from", "{{ slice \"abcdef\" 2 }}")
A("slice list", "{{ len (slice .Alerts 1) }}")
A("slice bad range", "{{ slice \"abc\" 2 1 }}")
A("slice 3-index string fails", "{{ slice \"abc\" 0 1 2 }}")
A("print spaces between non-strings", "{{ print 1 2 \"a\" \"b\" 3 true }}")
A("print adds no space next to strings", "{{ print \"a\" 1 \"b\" }}")
A("println", "{{ println 1 \"a\" 2 }}")
A("print nothing", "[{{ print }}]")
A("eq two ints", "{{ eq 1 1 }} {{ eq 1 2 }}")
A("eq several arguments", "{{ eq .Status \"resolved\" \"firing\" }}")
A("eq strings", "{{ eq \"a\" \"a\" }}")
A("eq int and float fails", "{{ eq 1 1.0 }}")
A("eq int and string fails", "{{ eq 1 \"1\" }}")
A("eq missing argument", "{{ eq 1 }}")
A("ne", "{{ ne 1 2 }} {{ ne \"a\" \"a\" }}")
A("lt le gt ge ints", "{{ lt 1 2 }} {{ le 2 2 }} {{ gt 1 2 }} {{ ge 3 2 }}")
A("lt strings", "{{ lt \"abc\" \"abd\" }}")
A("lt floats", "{{ lt 1.5 2.5 }}")
A("lt on bool fails", "{{ lt true false }}")
A("lt mixed fails", "{{ lt 1 2.0 }}")
A("gt on len", "{{ gt (len .Alerts) 1 }}")
A("html escapes", "{{ html \"<a href='x'>&\\\"</a>\" }}")
A("html of several args", "{{ html 1 \"<\" 2 }}")
A("js escapes", "{{ js \"it's <b> & \\\"q\\\" = \\\\ \\n\" }}")
A("js unicode", "{{ js \"é\\u2028x\" }}")
A("urlquery", "{{ urlquery \"a b&c=d/é?*~\" }}")
A("urlquery of receiver", "{{ urlquery .Receiver }}", data="rich")
A("call of non-function", "{{ call \"x\" }}")
A("call of nil", "{{ call nil }}")

# --- printf verbs ---------------------------------------------------------------------------
F = [
    ("%s", '"str"'), ("%q", '"a\\"b\\n"'), ("%q", '"héllo"'), ("%+q", '"héllo"'), ("%#q", '"back`tick"'),
    ("%#q", '"raw"'), ("%d", "42"), ("%v", "42"), ("%5d", "42"), ("%-5d|", "42"), ("%05d", "42"),
    ("%05d", "-42"), ("%+d", "42"), ("% d", "42"), ("%x", "255"), ("%X", "255"), ("%#x", "255"),
    ("%o", "8"), ("%#o", "8"), ("%O", "8"), ("%b", "5"), ("%#b", "5"), ("%c", "65"), ("%U", "65"),
    ("%#U", "0x263A"), ("%q", "65"), ("%x", '"hi"'), ("%X", '"hi"'), ("% x", '"hi"'), ("%#x", '"hi"'),
    ("%.2s", '"abcdef"'), ("%10.3s|", '"abcdef"'), ("%-8s|", '"ab"'), ("%8s|", '"ab"'), ("%08s", '"ab"'),
    ("%t", "true"), ("%v", "false"), ("%5t|", "true"), ("%e", "1234.5678"), ("%E", "1234.5678"),
    ("%f", "1234.5678"), ("%F", "3.5"), ("%g", "1234.5678"), ("%G", "1e-7"), ("%5.2f", "3.14159"),
    ("%08.3f", "3.14159"), ("%08.3f", "-3.14159"), ("%+.1f", "2.0"), ("%.0f", "2.5"), ("%.0f", "3.5"),
    ("%.2f", "2.675"), ("%.3g", "1234.5678"), ("%.3e", "0.0"), ("%g", "100000.0"), ("%g", "1000000.0"),
    ("%v", "1e20"), ("%v", "1e21"), ("%v", "123456789.0"), ("%v", "0.0001"), ("%v", "0.00001"),
    ("%v", "100.0"), ("%v", "-0.5"), ("%v", "0.1"), ("%10.4v|", "3.14159265"), ("%-10v|", "1.5"),
    ("%x", "1.0"), ("%b", "1.0"), ("%%", ""), ("%d", '"x"'), ("%s", "5"), ("%t", "1"), ("%f", '"x"'),
    ("%d", "1.5"), ("%z", "1"), ("%s", "true"), ("%d %d", "1"), ("%d", "1 2"), ("%[2]d %[1]d", "1 2"),
    ("%*d|", "5 42"), ("%.*f", "2 3.14159"), ("%-*d|", "4 7"), ("%!", ""), ("%", ""), ("%[3]d", "1 2"),
    ("%T %T %T %T", '1 1.5 "s" true'), ("%6.2f%%", "99.5"), ("%x", "-255"), ("%c", "0x1F600"),
]
for i, (fmt, args) in enumerate(F):
    quoted = '"' + fmt.replace('"', '\\"') + '"'
    text = "{{ printf %s%s }}" % (quoted, (" " + args) if args else "")
    A("printf %02d %s %s" % (i, fmt, args), text)
A("printf %v of a list", "{{ printf \"%v\" .CommonLabels.Names }}")
A("printf %q of a list", "{{ printf \"%q\" .CommonLabels.Names }}")
A("printf %d of a string list", "{{ printf \"%d\" .CommonLabels.Names }}")
A("printf %v of a map", "{{ printf \"%v\" .CommonLabels }}")
A("printf %v of a struct", "{{ printf \"%v\" (index .CommonLabels.SortedPairs 0) }}")
A("printf %+v of a pair", "{{ printf \"%+v\" (index .CommonLabels.SortedPairs 0) }}")
A("printf %v of pairs", "{{ printf \"%v\" .GroupLabels.SortedPairs }}")
A("printf %+v of an alert", "{{ printf \"%+v\" (index .Alerts 0) }}")
A("printf %s of a time", "{{ printf \"%s\" (index .Alerts 0).StartsAt }}")
A("printf %T of data", "{{ printf \"%T|%T|%T|%T|%T\" . .Alerts .Alerts.Firing .CommonLabels .CommonLabels.SortedPairs }}")
A("printf %T of time and names", "{{ printf \"%T %T %T\" (index .Alerts 0).StartsAt .CommonLabels.Names (safeHtml \"x\") }}")
A("printf %v of missing key", "{{ printf \"%v|%s\" .CommonLabels.nope .CommonLabels.nope }}")
A("printf with no args", "{{ printf \"plain\" }}")
A("printf non-string format fails", "{{ printf 1 }}")

# --- Alertmanager data ------------------------------------------------------------------------
for d in ["two", "firing2", "resolved", "rich"]:
    A("whole data prints as a struct on %s" % d, "{{ . }}", data=d)
A("receiver and status", "{{ .Receiver }} {{ .Status }}")
A("status resolved", "{{ .Status }}", data="resolved")
A("firing and resolved counts", "{{ len .Alerts.Firing }}/{{ len .Alerts.Resolved }}")
A("alerts firing prints a list", "{{ .Alerts.Firing }}")
A("group labels", "{{ .GroupLabels }}")
A("common annotations", "{{ .CommonAnnotations.summary }}")
A("external URL", "{{ .ExternalURL }}", data="resolved")
A("names and values", "{{ .CommonLabels.Names }} {{ .CommonLabels.Values }}")
A("join names", "{{ join \",\" .CommonLabels.Names }}")
A("sorted pairs print", "{{ .CommonLabels.SortedPairs }}")
A("pairs names", "{{ .CommonLabels.SortedPairs.Names }}")
A("remove several", "{{ .CommonLabels.Remove (stringSlice \"team\" \"severity\" \"nope\") }}")
A("alert fields", "{{ range .Alerts }}{{ .Status }}|{{ .GeneratorURL }}|{{ .Fingerprint }}\n{{ end }}")
A("alert times print like Go", "{{ range .Alerts }}{{ .StartsAt }} / {{ .EndsAt }}\n{{ end }}")
A("fractional time", "{{ (index .Alerts 0).EndsAt }}", data="resolved")
A("time with offset", "{{ (index .Alerts 0).StartsAt }}", data="rich")
A("time Format", "{{ (index .Alerts 0).StartsAt.Format \"2006-01-02T15:04:05Z07:00\" }}", data="resolved")
A("time Format with names", "{{ (index .Alerts 0).StartsAt.Format \"Mon Jan _2 3:04PM MST 2006\" }}", data="rich")
A("time Format fraction", "{{ (index .Alerts 0).EndsAt.Format \"15:04:05.000 .999 -07:00\" }}", data="resolved")
A("time Unix", "{{ (index .Alerts 0).StartsAt.Unix }}", data="resolved")
A("labels map prints", "{{ (index .Alerts 0).Labels }}", data="rich")
A("missing label is empty", "[{{ .CommonLabels.nope }}]")
A("missing field fails", "{{ .Nope }}")
A("field on a string fails", "{{ .Receiver.Foo }}")
A("field with arguments fails", "{{ .Receiver 1 }}")
A("method on list fails", "{{ .Alerts.Size }}")
A("Firing on Firing fails", "{{ .Alerts.Firing.Firing }}")
A("Remove with wrong type fails", "{{ .CommonLabels.Remove \"x\" }}")
A("Remove with missing argument fails", "{{ .CommonLabels.Remove }}")

# --- Alertmanager functions -------------------------------------------------------------------
A("toUpper toLower", "{{ toUpper \"abc é\" }} {{ toLower \"ABC É\" }}")
A("title", "{{ title \"hello wORLD foo-bar o'neil x_y 1a\" }}")
A("title of label", "{{ title .Status }}")
A("join stringSlice", "{{ join \", \" (stringSlice \"a\" \"b\") }}")
A("join pipeline", "{{ stringSlice \"x\" \"y\" | join \"-\" }}")
A("match true", "{{ match \"^High\" .CommonLabels.alertname }}")
A("match false", "{{ match \"^high$\" \"High\" }}")
A("match case insensitive flag", "{{ match \"(?i)^high\" \"HIGH\" }}")
A("match dollar is end of text", "{{ match \"a$\" \"a\\n\" }}")
A("match posix class", "{{ match \"^[[:alpha:]]+$\" \"abc\" }}")
A("match bad regexp", "{{ match \"(a\" \"a\" }}")
A("match backreference rejected", "{{ match \"(a)\\\\1\" \"aa\" }}")
A("reReplaceAll group", "{{ reReplaceAll \"(.*):(.*)\" \"$2 on $1\" \"host:9100\" }}")
A("reReplaceAll braces", "{{ reReplaceAll \"(a)\" \"${1}x\" \"banana\" }}")
A("reReplaceAll dollar-name swallows letters", "{{ reReplaceAll \"(a)\" \"$1x\" \"banana\" }}")
A("reReplaceAll named group", "{{ reReplaceAll \"(?P<host>[a-z]+):(?P<port>\\\\d+)\" \"${port}@${host}\" \"web:80\" }}")
A("reReplaceAll empty matches", "{{ reReplaceAll \"a*\" \"-\" \"baaac\" }}")
A("reReplaceAll literal dollar", "{{ reReplaceAll \"x\" \"$$\" \"axb\" }}")
A("reReplaceAll strip port", "{{ reReplaceAll \":[0-9]+$\" \"\" \"a.b:1234\" }}")
A("reReplaceAll bad regexp", "{{ reReplaceAll \"[a\" \"\" \"x\" }}")
A("safeHtml prints text", "{{ safeHtml \"<b>x</b>\" }}")
A("stringSlice prints", "{{ stringSlice \"a\" \"b\" }}")
A("stringSlice empty", "{{ stringSlice }}")
A("toUpper on int fails", "{{ toUpper 1 }}")
A("toUpper wrong arity", "{{ toUpper \"a\" \"b\" }}")
A("join wrong type", "{{ join \",\" \"a\" }}")

# --- humanize family (Prometheus) -------------------------------------------------------------
for v in ["0", "1", "999", "1000", "1234567", "0.00123", "-1500", "1e30", "\"12345\""]:
    P("humanize %s" % v, "{{ humanize %s }}" % v)
for v in ["0", "1", "1024", "1536", "1048576", "-2048", "0.5"]:
    P("humanize1024 %s" % v, "{{ humanize1024 %s }}" % v)
for v in ["0", "1", "59.5", "61", "3725", "90061", "-3725", "0.0015", "0.5"]:
    P("humanizeDuration %s" % v, "{{ humanizeDuration %s }}" % v)
for v in ["0", "0.5", "0.123456", "1.5"]:
    P("humanizePercentage %s" % v, "{{ humanizePercentage %s }}" % v)
for v in ["0", "1700000000", "1700000000.5", "\"1700000000\""]:
    P("humanizeTimestamp %s" % v, "{{ humanizeTimestamp %s }}" % v)
P("humanize of a bad string", "{{ humanize \"abc\" }}")
P("humanize of a bool", "{{ humanize true }}")
P("printf inside Prometheus", "{{ printf \"%.2f\" 3.14159 }}|{{ if gt 2 1 }}yes{{ end }}")

# --- syntax and execution errors ---------------------------------------------------------------
A("unknown function", "{{ nope 1 }}")
A("unexpected EOF", "{{ if true }}x")
A("unclosed action", "{{ .Receiver ")
A("missing end", "{{ range .Alerts }}")
A("extra end", "{{ end }}")
A("else outside if", "{{ else }}")
A("undefined variable", "{{ $x }}")
A("unterminated string", "{{ \"abc }}")
A("bad number", "{{ 3x }}")
A("empty action", "{{ }}")
A("missing value for if", "{{ if }}x{{ end }}")
A("non executable pipeline stage", "{{ .Receiver | \"x\" }}")
A("break outside range", "{{ break }}")
A("unexpected in operand", "{{ printf \"a\" ) }}")
A("unrecognized character", "{{ .Receiver # }}")
A("error on a later line", "line1\nline2 {{ .Receiver }}\n{{ .Nope }}")
A("error inside a define names the file", "{{ template \"bad\" . }}", defs="x\n{{ define \"bad\" }}\n  {{ .Nope }}{{ end }}")
A("parse error in defines file", "x", defs="{{ define \"a\" }}{{ if }}{{ end }}")
A("wrong number of args for index", "{{ index }}")
A("wrong type for printf arg", "{{ printf }}")
A("if with a function value", "{{ if toUpper }}x{{ end }}")
A("can't give argument to non-function", "{{ 1 2 }}")
A("long action in error context", "{{ index .Alerts 7 | printf \"%v and more text here\" }}")


# --- idioms and edge cases ------------------------------------------------------------------
A("or as a default value", "{{ or .CommonLabels.nope \"default\" }}")
A("with and or default", "{{ with $x := or .CommonLabels.nope \"d\" }}{{ $x }}{{ end }}")
A("comma separated names idiom", "{{ range $i, $e := .CommonLabels.SortedPairs }}{{ if $i }}, {{ end }}{{ $e.Name }}{{ end }}")
A("multi-line list with trimming", "Alerts:\n{{- range .Alerts }}\n  - {{ .Labels.alertname }} ({{ .Status }})\n{{- end }}\nend")
A("count firing with printf", "{{ .Alerts.Firing | len | printf \"%d firing\" }}")
A("remove group labels", "{{ .CommonLabels.Remove .GroupLabels.Names }}")
A("print concatenation", "{{ print .Receiver \"-\" .Status }}")
A("range over a slice of alerts", "{{ range slice .Alerts 1 }}{{ .Status }}{{ end }}")
A("len of annotations", "{{ len (index .Alerts 0).Annotations }}")
A("break only the inner range", "{{ range .Alerts }}[{{ range $i, $p := .Labels.SortedPairs }}{{ if eq $i 2 }}{{ break }}{{ end }}{{ $p.Name }} {{ end }}]{{ end }}")
A("raw string spanning lines", "{{ `a\nb` }}")
A("type of an indexed alert", "{{ index .Alerts 0 | printf \"%T\" }}")
A("alert label values joined", "{{ (index .Alerts 0).Labels.SortedPairs.Values | join \",\" }}")
A("dollar inside a define", "{{ template \"d\" .Alerts }}", defs="{{ define \"d\" }}{{ len $ }} {{ range . }}{{ $.Foo }}{{ end }}{{ end }}")
A("print nil", "{{ print nil }}")
A("printf nil", "{{ printf \"%s|%v|%d\" nil nil nil }}")
A("len of nil", "{{ len nil }}")
A("eq nil nil", "{{ eq nil nil }}")
A("index of nil", "{{ index nil 1 }}")
A("not of a map", "{{ not .GroupLabels }}")
A("println of a list", "{{ println .CommonLabels.Names 1 }}")
A("parenthesised constant", "{{ (1) }}")
A("huge integer overflows int", "{{ 9223372036854775808 }}")
A("malformed char constant", "{{ 'ab' }}")
A("template name must be a string", "{{ template .Receiver }}")
A("declaration without value", "{{ $x := }}")
A("too many range declarations", "{{ range $a, $b, $c := .Alerts }}{{ end }}")
A("two else branches", "{{ if 1 }}a{{ else }}b{{ else }}c{{ end }}")
A("unclosed left paren", "{{ (1 }}")
A("two strings", "{{ \"a\" \"b\" }}")
A("field after a string", "{{ \"a\".Foo }}")
A("define inside an action fails", "{{ if true }}{{ define \"x\" }}{{ end }}{{ end }}")
A("define without a name", "{{ define }}{{ end }}")
A("unclosed comment", "{{/* x }}")
A("comment without close delimiter", "{{/* x */ 1 }}")
A("variable redeclared in range", "{{ $x := 1 }}{{ range .Alerts }}{{ $x := .Status }}{{ $x }}{{ end }}{{ $x }}")
A("assign in range persists", "{{ $n := 0 }}{{ range .Alerts }}{{ $n = len .Labels }}{{ end }}{{ $n }}")
A("else with on a chain", "{{ with .Alerts.Resolved }}r{{ else if .Alerts.Firing }}f{{ end }}", data="firing2")
A("float truth", "{{ if 0.0 }}t{{ else }}f{{ end }}{{ if 0.5 }}t{{ end }}")
A("string comparison eq with several", "{{ eq .CommonLabels.severity \"warning\" \"critical\" }}")
A("lt on strings of labels", "{{ lt (index .Alerts 0).Labels.instance (index .Alerts 1).Labels.instance }}")
A("printf %v of alerts", "{{ printf \"%v\" .Alerts.Resolved }}")
A("printf %q of a map", "{{ printf \"%q\" .GroupLabels }}")
A("printf %x of a list", "{{ printf \"%x\" .GroupLabels.Names }}")
A("printf %5.1q", "{{ printf \"%5.1q|%-10q|\" \"abc\" \"d\" }}")
A("printf small and large floats", "{{ printf \"%e %e %.10g %g\" 1e-10 123456789.0 3.14159265358979 0.0000123 }}")
A("print extreme floats", "{{ 1.7976931348623157e308 }} {{ 5e-324 }} {{ 3.0e-5 }} {{ 2.5e-05 }}")
A("printf int flags", "{{ printf \"%d|%x|%08b|%+05d|%-+5d|%#X\" -7 -255 5 42 3 255 }}")
A("printf invalid rune", "{{ printf \"%c|%q|%U\" -1 -1 -1 }}")
A("printf %d of bool", "{{ printf \"%d\" true }}")
A("printf %s of a float", "{{ printf \"%s\" 1.5 }}")
A("printf width on bad verb", "{{ printf \"%5d\" \"x\" }}")
A("printf %v of a time with width", "{{ printf \"%40v|\" (index .Alerts 0).StartsAt }}")
A("printf %08.3f of a negative zero width", "{{ printf \"%8.3f|%-8.3f|%+08.2f\" 3.14159 2.5 -1.0 }}")
A("printf %g precision", "{{ printf \"%.2g %.1g %.0g %g\" 123.0 0.05 7.0 1e21 }}")
A("printf %e rounding", "{{ printf \"%.2e %.0e\" 1.005 15.0 }}")
A("printf sharp floats", "{{ printf \"%#g %#.3f %#e\" 1.0 2.0 3.0 }}")
A("printf space float", "{{ printf \"% f|% .1f\" 1.5 -1.5 }}")
A("printf NaN and Inf via humanize-free math", "{{ printf \"%v %5.1f\" 1e400 -1e400 }}")

# --- html/template escaping (email html bodies) -----------------------------------------------
def H(name, text, data="rich", defs=None):
    CASES.append({"name": name, "source": "amtool-html", "text": text, "data": data, "defs": defs})


H("html text is escaped", "<p>{{ .Receiver }}</p>")
H("html label with quotes", "{{ range .Alerts }}<li>{{ .Labels.alertname }}</li>{{ end }}")
H("html plus sign", "{{ \"a+b\" }}")
H("html url attribute start", "<a href=\"{{ (index .Alerts 0).GeneratorURL }}\">s</a>")
H("html url attribute path", "<a href=\"/p/{{ .Receiver }}\">x</a>")
H("html url attribute query", "<a href=\"{{ .ExternalURL }}/x?r={{ .Receiver }}\">x</a>")
H("html url with unicode in query", "<a href=\"http://x/?q={{ (index .Alerts 0).Labels.unicode }}#{{ \"a b\" }}\">x</a>")
H("html javascript url filtered", "<a href=\"{{ \"javascript:alert(1)\" }}\">x</a>")
H("html mailto allowed", "<a href=\"mailto:{{ \"a@b.c\" }}\">x</a>")
H("html upper-case scheme allowed", "<a href=\"{{ \"HTTPS://x\" }}\">x</a>")
H("html single-quoted attribute", "<a title='{{ .Receiver }}'>x</a>")
H("html unquoted attribute", "<a title={{ .Receiver }}>x</a>")
H("html unquoted url attribute", "<a href={{ .Receiver }}>x</a>")
H("html alt attribute", "<img src=\"x\" alt=\"{{ (index .Alerts 0).Labels.path }}\">")
H("html onclick is javascript", "<a onclick=\"f({{ .Receiver }})\">x</a>")
H("html script value", "<script>var x = {{ .Receiver }};</script>")
H("html safeHtml in text", "{{ safeHtml \"<b>x</b>\" }}")
H("html safeHtml in attribute", "<a title=\"{{ safeHtml \"<b>x</b>\" }}\">y</a>")
H("html printf result is escaped", "{{ printf \"%s\" \"<b>\" }}")
H("html comment dropped", "<!-- note -->x{{ 1 }}")
H("html define called from html", "{{ define \"x\" }}<b>{{ . }}</b>{{ end }}{{ template \"x\" \"<i>\" }}")
H("html annotation with newline", "<pre>{{ .CommonAnnotations.description }}</pre>")
H("html annotation with markup", "<td>{{ .CommonAnnotations.html }}</td>")
H("html sorted pairs table", "{{ range .CommonLabels.SortedPairs }}<tr><td>{{ .Name }}</td><td>{{ .Value }}</td></tr>{{ end }}")
H("html urlquery in a query keeps its escaping", "<a href=\"{{ .ExternalURL }}/x?r={{ urlquery .Receiver }}\">")
H("html urlquery piped in a query", "<a href=\"/x?r={{ .Receiver | urlquery }}\">")
H("html builtin is not escaped twice", "<p>{{ html .Receiver }}</p><p>{{ .Receiver | html }}</p>")
H("html urlquery in text is escaped", "<p>{{ urlquery .Receiver }}</p>")
H("html error keeps text message", "<p>{{ .Nope }}</p>")

# --- default templates (Debian's Alertmanager default.tmpl is the reference) ------------------
for define in ["__subject", "__alertmanagerURL", "slack.default.title", "slack.default.username",
               "slack.default.fallback", "slack.default.titlelink", "slack.default.text",
               "slack.default.pretext", "slack.default.footer", "pagerduty.default.description",
               "pagerduty.default.client", "pagerduty.default.clientURL",
               "opsgenie.default.message", "opsgenie.default.description",
               "opsgenie.default.source", "telegram.default.message", "discord.default.title",
               "discord.default.message", "webex.default.message"]:
    for data in ["two", "firing2", "resolved", "rich"]:
        D(define, data)
