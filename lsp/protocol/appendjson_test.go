package protocol

import (
	"bytes"
	"encoding/json"
	"testing"
)

// The same structs without their methods, for encoding/json's reflection.
type (
	plainPublish PublishDiagnosticsParams
	plainReport  DocumentDiagnosticReport
)

// FuzzAppendJSON checks that the hand-written encoders write what
// json.Marshal writes for the struct tags alone, for any field values.
func FuzzAppendJSON(f *testing.F) {
	f.Add("file:///p.json", int32(3), uint32(1), uint32(2), 2, "SES401", "https://x/<a>&", "seslint", `"x" <y> & é📧`+"\u2028\n\t\x01\xff", uint8(2), []byte(`{"a": [1, "<"]}`), "related")
	f.Add("", int32(-1), uint32(0), uint32(4294967295), 0, "", "", "", "", uint8(0), []byte(nil), "")
	f.Add("u", int32(0), uint32(0), uint32(0), -7, "c", "h", "s", "m", uint8(1), []byte(`{`), "")
	f.Fuzz(func(t *testing.T, uri string, version int32, line, char uint32, sev int, code, href, source, msg string, n uint8, data []byte, rel string) {
		r := Range{Start: Position{Line: line, Character: char}, End: Position{Line: char, Character: line}}
		d := Diagnostic{Range: r, Severity: DiagnosticSeverity(sev), Code: IntegerOrString(code), Source: source, Message: msg}
		if href != "" {
			d.CodeDescription = &CodeDescription{Href: URI(href)}
		}
		if len(data) > 0 {
			d.Data = json.RawMessage(data)
		}
		if rel != "" {
			d.RelatedInformation = []DiagnosticRelatedInformation{{Location{DocumentURI(uri), r}, rel}, {Message: msg}}
		}
		if n%3 == 1 {
			d.Tags = []DiagnosticTag{TagUnnecessary, DiagnosticTag(sev)}
		}
		var ds []Diagnostic
		for range n % 4 {
			ds = append(ds, d)
		}
		p := PublishDiagnosticsParams{URI: DocumentURI(uri), Diagnostics: ds}
		if version >= 0 {
			p.Version = &version
		}
		plainP := plainPublish(p)
		if plainP.Diagnostics == nil {
			plainP.Diagnostics = []Diagnostic{}
		}
		same(t, p, plainP)
		rep := DocumentDiagnosticReport{ResultID: code, Items: ds}
		if n%2 == 0 {
			rep.Kind = DocumentDiagnosticReportKind(source)
		}
		plainR := plainReport(rep)
		if plainR.Kind == "" {
			plainR.Kind = ReportFull
		}
		if plainR.Items == nil {
			plainR.Items = []Diagnostic{}
		}
		same(t, rep, plainR)
	})
}

// same compares v's AppendJSON and MarshalJSON with json.Marshal(plain).
func same(t *testing.T, v interface {
	AppendJSON([]byte) ([]byte, error)
	MarshalJSON() ([]byte, error)
}, plain any) {
	t.Helper()
	want, werr := json.Marshal(plain)
	got, err := v.AppendJSON([]byte("prefix"))
	if (err != nil) != (werr != nil) || err == nil && (string(got[:6]) != "prefix" || !bytes.Equal(got[6:], want)) {
		t.Fatalf("AppendJSON(%+v):\ngot  %s, %v\nwant %s, %v", v, got, err, want, werr)
	}
	viaMarshal, err := json.Marshal(v)
	if (err != nil) != (werr != nil) || err == nil && !bytes.Equal(viaMarshal, want) {
		t.Fatalf("json.Marshal(%+v):\ngot  %s, %v\nwant %s, %v", v, viaMarshal, err, want, werr)
	}
}
