package rules

import (
	"errors"
	"fmt"
	"reflect"
	"sort"
	"strings"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
)

// node is a YAML node with the file it came from, so every check can report
// file:line:column.
type node struct {
	file string
	n    ast.Node // nil for an absent key
	// parent is where an absent key would have been (for "missing key" errors).
	parent ast.Node
}

// unwrap strips anchors and tags.
func unwrap(n ast.Node) ast.Node {
	for {
		switch v := n.(type) {
		case *ast.AnchorNode:
			n = v.Value
		case *ast.TagNode:
			n = v.Value
		default:
			return n
		}
	}
}

func entries(n ast.Node) []*ast.MappingValueNode {
	switch v := unwrap(n).(type) {
	case *ast.MappingNode:
		return v.Values
	case *ast.MappingValueNode:
		return []*ast.MappingValueNode{v}
	}
	return nil
}

func isMapping(n ast.Node) bool {
	switch unwrap(n).(type) {
	case *ast.MappingNode, *ast.MappingValueNode:
		return true
	}
	return false
}

func isNull(n ast.Node) bool {
	if n == nil {
		return true
	}
	_, ok := unwrap(n).(*ast.NullNode)
	return ok
}

// get returns the value node under key, or an absent node.
func (x node) get(key string) node {
	for _, e := range entries(x.n) {
		if e.Key.String() == key {
			return node{file: x.file, n: e.Value, parent: x.n}
		}
	}
	return node{file: x.file, parent: x.n}
}

// index returns the i-th element of a sequence node.
func (x node) index(i int) node {
	if s, ok := unwrap(x.n).(*ast.SequenceNode); ok && i < len(s.Values) {
		return node{file: x.file, n: s.Values[i], parent: x.n}
	}
	return node{file: x.file, parent: x.n}
}

// pos returns the node's position; for an absent key, its parent's.
func (x node) pos() (int, int) {
	n := x.n
	if n == nil {
		n = x.parent
	}
	if n == nil {
		return 0, 0
	}
	tk := n.GetToken()
	if mv, ok := n.(*ast.MappingNode); ok && len(mv.Values) > 0 {
		tk = mv.Values[0].Key.GetToken()
	}
	if mv, ok := n.(*ast.MappingValueNode); ok {
		tk = mv.Key.GetToken()
	}
	if tk == nil || tk.Position == nil {
		return 0, 0
	}
	return tk.Position.Line, tk.Position.Column
}

// errf builds a positioned error at the node.
func (x node) errf(hint, format string, args ...any) Error {
	line, col := x.pos()
	return Error{File: x.file, Line: line, Column: col, Msg: fmt.Sprintf(format, args...), Hint: hint}
}

// decode checks the keys of x against v's type (reporting every unknown key
// with the closest known one as a hint), then decodes x into v. It reports
// whether decoding succeeded.
func (x node) decode(v any, errs *ErrorList) bool {
	before := len(*errs)
	checkKeys(x, reflect.TypeOf(v), errs)
	if len(*errs) > before {
		return false
	}
	if isNull(x.n) {
		return true
	}
	if err := yaml.NodeToValue(x.n, v, yaml.Strict()); err != nil {
		*errs = append(*errs, yamlError(x.file, err))
		return false
	}
	return true
}

// yamlError turns a goccy error into a positioned Error.
func yamlError(file string, err error) Error {
	var ye yaml.Error
	if errors.As(err, &ye) && ye.GetToken() != nil && ye.GetToken().Position != nil {
		p := ye.GetToken().Position
		msg := ye.GetMessage()
		hint := ""
		var te *yaml.TypeError
		if errors.As(err, &te) {
			msg, hint = typeMessage(te)
		}
		return Error{File: file, Line: p.Line, Column: p.Column, Msg: msg, Hint: hint}
	}
	return Error{File: file, Msg: strings.TrimSpace(err.Error())}
}

func typeMessage(te *yaml.TypeError) (string, string) {
	want := kindName(te.DstType)
	field := ""
	if te.StructFieldName != nil {
		name := *te.StructFieldName
		if i := strings.LastIndex(name, "."); i >= 0 {
			name = name[i+1:]
		}
		field = " for " + strings.ToLower(name)
	}
	val := ""
	if te.Token != nil {
		val = fmt.Sprintf(" %q", te.Token.Value)
	}
	return fmt.Sprintf("value%s%s must be %s", val, field, want), ""
}

func kindName(t reflect.Type) string {
	if t == nil {
		return "of another type"
	}
	switch t.Kind() {
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Int, reflect.Int64, reflect.Int32:
		return "a whole number"
	case reflect.Bool:
		return "true or false"
	case reflect.String:
		return "a string"
	case reflect.Slice:
		return "a list"
	case reflect.Map, reflect.Struct:
		return "a mapping"
	}
	return "a " + t.Kind().String()
}

// yamlKeys returns the YAML keys of a struct type, following inline
// (embedded) structs.
func yamlKeys(t reflect.Type) map[string]reflect.Type {
	keys := map[string]reflect.Type{}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag := f.Tag.Get("yaml")
		name, opts, _ := strings.Cut(tag, ",")
		if name == "-" {
			continue
		}
		if strings.Contains(opts, "inline") || (f.Anonymous && name == "") {
			ft := f.Type
			if ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			for k, v := range yamlKeys(ft) {
				keys[k] = v
			}
			continue
		}
		if !f.IsExported() {
			continue
		}
		if name == "" {
			name = strings.ToLower(f.Name)
		}
		keys[name] = f.Type
	}
	return keys
}

// checkKeys walks x and the Go type t together and reports unknown keys and
// mappings or lists where the other was expected.
func checkKeys(x node, t reflect.Type, errs *ErrorList) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if isNull(x.n) {
		return
	}
	switch t.Kind() {
	case reflect.Struct:
		if t.PkgPath() == "time" {
			return
		}
		if !isMapping(x.n) {
			*errs = append(*errs, x.errf("", "expected a mapping of keys (key: value), found %s", describe(x.n)))
			return
		}
		known := yamlKeys(t)
		names := make([]string, 0, len(known))
		for k := range known {
			names = append(names, k)
		}
		sort.Strings(names)
		seen := map[string]bool{}
		for _, e := range entries(x.n) {
			k := e.Key.String()
			kn := node{file: x.file, n: e.Key.(ast.Node), parent: x.n}
			if seen[k] {
				*errs = append(*errs, kn.errf("", "key %q appears twice", k))
				continue
			}
			seen[k] = true
			ft, ok := known[k]
			if !ok {
				hint := closest(k, names)
				if hint == "" {
					hint = "one of " + strings.Join(names, ", ")
				}
				*errs = append(*errs, kn.errf(hint, "unknown key %q", k))
				continue
			}
			checkKeys(node{file: x.file, n: e.Value, parent: x.n}, ft, errs)
		}
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Uint8 {
			return
		}
		s, ok := unwrap(x.n).(*ast.SequenceNode)
		if !ok {
			*errs = append(*errs, x.errf("", "expected a list (- item), found %s", describe(x.n)))
			return
		}
		for _, v := range s.Values {
			checkKeys(node{file: x.file, n: v, parent: x.n}, t.Elem(), errs)
		}
	case reflect.Map:
		for _, e := range entries(x.n) {
			checkKeys(node{file: x.file, n: e.Value, parent: x.n}, t.Elem(), errs)
		}
	}
}

func describe(n ast.Node) string {
	switch unwrap(n).(type) {
	case *ast.SequenceNode:
		return "a list"
	case *ast.MappingNode, *ast.MappingValueNode:
		return "a mapping"
	}
	return fmt.Sprintf("%q", strings.TrimSpace(n.String()))
}
