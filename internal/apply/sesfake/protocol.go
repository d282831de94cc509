package sesfake

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// The two APIs on the endpoint, each with its own version and XML namespace.
const (
	sesVersion   = "2010-12-01"
	sesNamespace = "http://ses.amazonaws.com/doc/2010-12-01/"
	sesSigning   = "ses" // the SigV4 signing name of SES (its endpoint prefix is "email")
	stsVersion   = "2011-06-15"
	stsNamespace = "https://sts.amazonaws.com/doc/2011-06-15/"
	stsSigning   = "sts"
)

type api struct{ version, namespace, signingName string }

var (
	sesAPI = api{sesVersion, sesNamespace, sesSigning}
	stsAPI = api{stsVersion, stsNamespace, stsSigning}
)

type operation struct {
	api    api
	handle func(s *Server, params url.Values) (any, *apiError)
}

// operations is the fake's whole surface. A handler runs with s.mu held and
// returns the children of the <ActionResult> element, or an error.
var operations = map[string]operation{
	PutIdentityPolicy:                 {sesAPI, (*Server).putIdentityPolicy},
	GetIdentityPolicies:               {sesAPI, (*Server).getIdentityPolicies},
	ListIdentityPolicies:              {sesAPI, (*Server).listIdentityPolicies},
	DeleteIdentityPolicy:              {sesAPI, (*Server).deleteIdentityPolicy},
	GetIdentityVerificationAttributes: {sesAPI, (*Server).getIdentityVerificationAttributes},
	GetCallerIdentity:                 {stsAPI, (*Server).getCallerIdentity},
}

// apiError is an error as the Query protocol sends it.
type apiError struct {
	status  int
	code    string
	message string
}

func badRequest(code, format string, args ...any) *apiError {
	return &apiError{status: http.StatusBadRequest, code: code, message: fmt.Sprintf(format, args...)}
}

// ServeHTTP answers one Query-protocol request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	// A form the server cannot parse is answered before any of the fake's
	// state is touched, and is not a call.
	if err := r.ParseForm(); err != nil {
		writeError(w, sesAPI, "", &apiError{status: http.StatusBadRequest, code: "MalformedQueryString", message: err.Error()})
		return
	}
	params := withoutCredentials(r.Form)
	action := params.Get("Action")

	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls = append(s.calls, Call{Action: action, Params: params})
	call := &s.calls[len(s.calls)-1]
	requestID := fmt.Sprintf("00000000-0000-4000-8000-%012d", len(s.calls))

	// Errors speak the API of the version the client asked for, else of
	// the action, else of SES.
	op, known := operations[action]
	ns := sesAPI
	switch {
	case params.Get("Version") == stsVersion:
		ns = stsAPI
	case params.Get("Version") == sesVersion:
	case known:
		ns = op.api
	}

	result, aerr := s.serve(r, action, params, op, known)
	if aerr != nil {
		call.Error = aerr.code
		writeError(w, ns, requestID, aerr)
		return
	}
	writeResult(w, ns, action, requestID, result)
}

// serve runs the checks every request goes through, then the operation: the
// action and version (they name the API, and so the service the signature
// must be scoped to), the signature, injected failures, the rate limit.
func (s *Server) serve(r *http.Request, action string, params url.Values, op operation, known bool) (any, *apiError) {
	switch {
	case action == "":
		return nil, badRequest(CodeMissingAction, "Missing Action")
	case !known || params.Get("Version") != op.api.version:
		return nil, badRequest(CodeInvalidAction, "Could not find operation %s for version %s", action, params.Get("Version"))
	}
	if aerr := s.checkSignature(r, op.api.signingName); aerr != nil {
		return nil, aerr
	}
	if queued := s.failures[action]; len(queued) > 0 {
		s.failures[action] = queued[1:]
		return nil, &queued[0]
	}
	if s.rateLimited[action] {
		now := s.now()
		if last, ok := s.lastCall[action]; ok && now.Sub(last) < rateInterval {
			// A refused call does not use the allowance: only calls let
			// through move the window.
			return nil, badRequest(CodeThrottling, "Rate exceeded")
		}
		s.lastCall[action] = now
	}
	return op.handle(s, params)
}

// checkSignature looks for a SigV4 Authorization header and checks its
// credential scope (access key/date/region/service/aws4_request) against the
// fake's region and the API's signing name. It does not verify the
// signature: the fake knows no secret. A wrong region or service is what a
// misconfigured client looks like; the real endpoint refuses both with these
// codes and messages.
func (s *Server) checkSignature(r *http.Request, signingName string) *apiError {
	auth := r.Header.Get("Authorization")
	_, rest, ok := strings.Cut(auth, "Credential=")
	if !strings.HasPrefix(auth, "AWS4-HMAC-SHA256 ") || !ok {
		return &apiError{status: http.StatusForbidden, code: CodeMissingAuthToken, message: "Request is missing Authentication Token"}
	}
	credential, _, _ := strings.Cut(rest, ",")
	scope := strings.Split(credential, "/")
	if len(scope) != 5 || scope[4] != "aws4_request" {
		return &apiError{status: http.StatusBadRequest, code: "IncompleteSignature", message: "Authorization header requires a well-formed Credential parameter"}
	}
	if scope[2] != s.region {
		return &apiError{status: http.StatusForbidden, code: CodeSignatureDoesNotMatch,
			message: fmt.Sprintf("Credential should be scoped to a valid region, not '%s'.", scope[2])}
	}
	if scope[3] != signingName {
		return &apiError{status: http.StatusForbidden, code: CodeSignatureDoesNotMatch,
			message: fmt.Sprintf("Credential should be scoped to correct service: '%s'.", signingName)}
	}
	return nil
}

// writeResult writes
//
//	<ActionResponse xmlns="..."><ActionResult>...</ActionResult>
//	<ResponseMetadata><RequestId>...</RequestId></ResponseMetadata></ActionResponse>
func writeResult(w http.ResponseWriter, a api, action, requestID string, result any) {
	var b bytes.Buffer
	fmt.Fprintf(&b, "<%sResponse xmlns=%q>", action, a.namespace)
	enc := xml.NewEncoder(&b)
	if err := enc.EncodeElement(result, xml.StartElement{Name: xml.Name{Local: action + "Result"}}); err != nil {
		writeError(w, a, requestID, &apiError{status: http.StatusInternalServerError, code: "InternalFailure", message: err.Error()})
		return
	}
	fmt.Fprintf(&b, "<ResponseMetadata><RequestId>%s</RequestId></ResponseMetadata></%sResponse>", requestID, action)
	writeXML(w, http.StatusOK, requestID, b.Bytes())
}

type errorResponse struct {
	XMLName   xml.Name `xml:"ErrorResponse"`
	Namespace string   `xml:"xmlns,attr"`
	Error     struct {
		Type    string
		Code    string
		Message string
	}
	RequestID string `xml:"RequestId"`
}

// writeError writes the Query protocol's error envelope. Type is Sender for
// the client's faults (4xx) and Receiver for the service's (5xx).
func writeError(w http.ResponseWriter, a api, requestID string, e *apiError) {
	var resp errorResponse
	resp.Namespace = a.namespace
	resp.Error.Type = "Sender"
	if e.status >= 500 {
		resp.Error.Type = "Receiver"
	}
	resp.Error.Code = e.code
	resp.Error.Message = e.message
	resp.RequestID = requestID
	body, err := xml.Marshal(resp)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	writeXML(w, e.status, requestID, body)
}

func writeXML(w http.ResponseWriter, status int, requestID string, body []byte) {
	h := w.Header()
	h.Set("Content-Type", "text/xml")
	h.Set("Content-Length", strconv.Itoa(len(body)))
	if requestID != "" {
		h.Set("x-amzn-RequestId", requestID)
	}
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

// listParam reads a Query-protocol list, name.member.1, name.member.2, ...
// An empty list arrives as "name=" and reads as no members.
func listParam(params url.Values, name string) []string {
	var out []string
	for i := 1; ; i++ {
		v, ok := params[name+".member."+strconv.Itoa(i)]
		if !ok {
			return out
		}
		out = append(out, v[0])
	}
}
