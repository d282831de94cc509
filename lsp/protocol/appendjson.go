package protocol

import (
	"strconv"

	"github.com/seslint/seslint/lsp/internal/jsonenc"
)

// The server publishes diagnostics after every edit, so they are encoded by
// hand, straight into the outgoing message (the AppendJSON methods satisfy
// jsonrpc.Appender). The bytes are exactly those json.Marshal writes for
// the struct tags; FuzzAppendJSON holds the two together.

// AppendJSON appends p as JSON, a nil Diagnostics as [].
func (p PublishDiagnosticsParams) AppendJSON(b []byte) ([]byte, error) {
	b = append(b, `{"uri":`...)
	b = jsonenc.String(b, string(p.URI))
	if p.Version != nil {
		b = append(b, `,"version":`...)
		b = strconv.AppendInt(b, int64(*p.Version), 10)
	}
	b = append(b, `,"diagnostics":`...)
	b, err := appendDiagnostics(b, p.Diagnostics)
	if err != nil {
		return b, err
	}
	return append(b, '}'), nil
}

// AppendJSON appends r as JSON, with kind "full" when unset and nil Items
// as [].
func (r DocumentDiagnosticReport) AppendJSON(b []byte) ([]byte, error) {
	kind := r.Kind
	if kind == "" {
		kind = ReportFull
	}
	b = append(b, `{"kind":`...)
	b = jsonenc.String(b, string(kind))
	if r.ResultID != "" {
		b = append(b, `,"resultId":`...)
		b = jsonenc.String(b, r.ResultID)
	}
	b = append(b, `,"items":`...)
	b, err := appendDiagnostics(b, r.Items)
	if err != nil {
		return b, err
	}
	return append(b, '}'), nil
}

func appendDiagnostics(b []byte, ds []Diagnostic) ([]byte, error) {
	b = append(b, '[')
	for i := range ds {
		if i > 0 {
			b = append(b, ',')
		}
		var err error
		if b, err = ds[i].appendJSON(b); err != nil {
			return b, err
		}
	}
	return append(b, ']'), nil
}

func (d *Diagnostic) appendJSON(b []byte) ([]byte, error) {
	b = append(b, `{"range":`...)
	b = d.Range.appendJSON(b)
	if d.Severity != 0 {
		b = append(b, `,"severity":`...)
		b = strconv.AppendInt(b, int64(d.Severity), 10)
	}
	if d.Code != "" {
		b = append(b, `,"code":`...)
		b = jsonenc.String(b, string(d.Code))
	}
	if d.CodeDescription != nil {
		b = append(b, `,"codeDescription":{"href":`...)
		b = jsonenc.String(b, string(d.CodeDescription.Href))
		b = append(b, '}')
	}
	if d.Source != "" {
		b = append(b, `,"source":`...)
		b = jsonenc.String(b, d.Source)
	}
	b = append(b, `,"message":`...)
	b = jsonenc.String(b, d.Message)
	if len(d.Tags) > 0 {
		b = append(b, `,"tags":[`...)
		for i, t := range d.Tags {
			if i > 0 {
				b = append(b, ',')
			}
			b = strconv.AppendInt(b, int64(t), 10)
		}
		b = append(b, ']')
	}
	if len(d.RelatedInformation) > 0 {
		b = append(b, `,"relatedInformation":[`...)
		for i := range d.RelatedInformation {
			r := &d.RelatedInformation[i]
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, `{"location":{"uri":`...)
			b = jsonenc.String(b, string(r.Location.URI))
			b = append(b, `,"range":`...)
			b = r.Location.Range.appendJSON(b)
			b = append(b, `},"message":`...)
			b = jsonenc.String(b, r.Message)
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	if len(d.Data) > 0 {
		b = append(b, `,"data":`...)
		var err error
		if b, err = jsonenc.Raw(b, d.Data); err != nil {
			return b, err
		}
	}
	return append(b, '}'), nil
}

func (r Range) appendJSON(b []byte) []byte {
	b = append(b, `{"start":`...)
	b = r.Start.appendJSON(b)
	b = append(b, `,"end":`...)
	b = r.End.appendJSON(b)
	return append(b, '}')
}

func (p Position) appendJSON(b []byte) []byte {
	b = append(b, `{"line":`...)
	b = strconv.AppendUint(b, uint64(p.Line), 10)
	b = append(b, `,"character":`...)
	b = strconv.AppendUint(b, uint64(p.Character), 10)
	return append(b, '}')
}
