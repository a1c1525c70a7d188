package dataset

import (
	"errors"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strings"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
	"github.com/goccy/go-yaml/token"
)

// checker collects the problems of one file. It remembers where each value sits, by path, so
// that a problem found after decoding (an unknown body, say) can still point at its line.
type checker struct {
	problems []Problem
	at       map[string]*token.Position
	reported map[string]bool
}

func newChecker() *checker {
	return &checker{at: map[string]*token.Position{}, reported: map[string]bool{}}
}

// report notes a problem with the value at path, unless that value or one that holds it has a
// problem already: a value of the wrong type need not also be reported as missing, nor an item
// that is not a mapping as lacking every key.
func (c *checker) report(path string, rule Rule, format string, args ...any) {
	for p := path; ; p = parent(p) {
		if c.reported[p] {
			return
		}
		if p == "" {
			break
		}
	}
	c.reported[path] = true
	c.add(c.position(path), path, rule, fmt.Sprintf(format, args...))
}

func (c *checker) add(pos *token.Position, path string, rule Rule, msg string) {
	c.problems = append(c.problems, Problem{Line: pos.Line, Column: pos.Column, Path: path, Rule: rule, Message: msg})
}

// position is where the value at path sits or, for a value the file leaves out, where the
// closest value that would hold it does.
func (c *checker) position(path string) *token.Position {
	for ; ; path = parent(path) {
		if pos, ok := c.at[path]; ok {
			return pos
		}
		if path == "" {
			return &token.Position{Line: 1, Column: 1}
		}
	}
}

// parent is the path of the value that holds the value at path: "advances[3]" for
// "advances[3].title", "advances" for "advances[3]".
func parent(path string) string {
	return path[:max(strings.LastIndexAny(path, ".["), 0)]
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func (c *checker) sorted() []Problem {
	slices.SortStableFunc(c.problems, func(a, b Problem) int {
		if a.Line != b.Line {
			return a.Line - b.Line
		}
		return a.Column - b.Column
	})
	return c.problems
}

// decodeFile parses data into a file. It reports false when there is nothing further to
// check: a syntax error, an empty file, or a file that is not a mapping.
func (c *checker) decodeFile(data []byte) (f file, ok bool) {
	tree, err := parser.ParseBytes(data, 0)
	if err != nil {
		var yerr yaml.Error
		if errors.As(err, &yerr) && yerr.GetToken() != nil {
			c.add(yerr.GetToken().Position, "", RuleFile, yerr.GetMessage())
		} else {
			c.add(&token.Position{Line: 1, Column: 1}, "", RuleFile, err.Error())
		}
		return f, false
	}
	if len(tree.Docs) == 0 || tree.Docs[0].Body == nil {
		c.report("", RuleFile, "empty file: want a mapping with document, bodies, paragraphs and items")
		return f, false
	}
	root := tree.Docs[0].Body
	c.at[""] = position(root)
	if _, ok := root.(*ast.MappingNode); !ok {
		c.report("", RuleFile, "want a mapping with document, bodies, paragraphs and items, got %s", describe(root))
		return f, false
	}
	for _, doc := range tree.Docs[1:] {
		if doc.Body != nil {
			c.add(position(doc.Body), "", RuleFile, "a data file holds one YAML document; start another file instead")
		}
	}
	c.decode(root, reflect.ValueOf(&f).Elem(), "")
	return f, true
}

var (
	dateType    = reflect.TypeFor[date]()
	bodyRefType = reflect.TypeFor[bodyRef]()
)

// decode sets v from n, the value at path, following the yaml tags of the file types. It
// notes every problem on the way rather than stopping at the first.
func (c *checker) decode(n ast.Node, v reflect.Value, path string) {
	c.at[path] = position(n)
	if n.Type() == ast.NullType {
		return
	}
	if v.Type() == dateType && n.Type() == ast.IntegerType {
		// A bare year is a YAML number; keep it as written.
		v.SetString(n.GetToken().Value)
		return
	}
	if s, ok := text(n); ok && v.Type() == bodyRefType {
		v.Set(reflect.ValueOf(bodyRef{Body: s}))
		return
	}
	switch v.Kind() {
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		c.decode(n, v.Elem(), path)
	case reflect.Struct:
		m, ok := n.(*ast.MappingNode)
		if !ok {
			c.wrongType(path, n, "a mapping")
			return
		}
		c.decodeFields(m, v, path)
	case reflect.Map:
		// Maps are keyed by language: translations.
		m, ok := n.(*ast.MappingNode)
		if !ok {
			c.wrongType(path, n, "a mapping")
			return
		}
		v.Set(reflect.MakeMap(v.Type()))
		for _, kv := range m.Values {
			key := kv.Key.GetToken().Value
			elem := reflect.New(v.Type().Elem()).Elem()
			c.decode(kv.Value, elem, join(path, key))
			v.SetMapIndex(reflect.ValueOf(key), elem)
		}
	case reflect.Slice:
		seq, ok := n.(*ast.SequenceNode)
		if !ok {
			c.wrongType(path, n, "a list")
			return
		}
		v.Set(reflect.MakeSlice(v.Type(), len(seq.Values), len(seq.Values)))
		for i, item := range seq.Values {
			c.decode(item, v.Index(i), fmt.Sprintf("%s[%d]", path, i))
		}
	case reflect.String:
		s, ok := text(n)
		if !ok {
			c.wrongType(path, n, "text")
			return
		}
		if strings.ContainsRune(s, 0) {
			c.report(path, RuleFile, "contains a NUL character, which text cannot hold")
			return
		}
		v.SetString(s)
	case reflect.Int:
		i, ok := wholeNumber(n)
		if !ok {
			c.wrongType(path, n, "a whole number")
			return
		}
		if v.OverflowInt(i) {
			c.report(path, RuleFile, "number too large")
			return
		}
		v.SetInt(i)
	case reflect.Bool:
		b, ok := n.(*ast.BoolNode)
		if !ok {
			c.wrongType(path, n, "true or false")
			return
		}
		v.SetBool(b.Value)
	default:
		panic(fmt.Sprintf("dataset: no decoding for %s at %s", v.Type(), path))
	}
}

func (c *checker) decodeFields(m *ast.MappingNode, v reflect.Value, path string) {
	keys := make([]string, v.NumField())
	for i := range keys {
		keys[i] = v.Type().Field(i).Tag.Get("yaml")
	}
	for _, kv := range m.Values {
		key := kv.Key.GetToken().Value
		keyPath := join(path, key)
		i := slices.Index(keys, key)
		if i < 0 {
			c.at[keyPath] = kv.Key.GetToken().Position
			c.report(keyPath, RuleFile, "unknown key; want one of %s", strings.Join(keys, ", "))
			continue
		}
		c.decode(kv.Value, v.Field(i), keyPath)
	}
}

func (c *checker) wrongType(path string, n ast.Node, want string) {
	if _, scalar := n.(ast.ScalarNode); scalar && want == "text" {
		c.report(path, RuleFile, "want text, got %s: put it in quotes", describe(n))
		return
	}
	c.report(path, RuleFile, "want %s, got %s", want, describe(n))
}

func text(n ast.Node) (string, bool) {
	switch n := n.(type) {
	case *ast.StringNode:
		return strings.TrimSpace(n.Value), true
	case *ast.LiteralNode:
		return strings.TrimSpace(n.Value.Value), true
	}
	return "", false
}

func wholeNumber(n ast.Node) (int64, bool) {
	if i, ok := n.(*ast.IntegerNode); ok {
		switch v := i.Value.(type) {
		case int64:
			return v, true
		case uint64:
			return int64(min(v, math.MaxInt64)), true
		}
	}
	return 0, false
}

func describe(n ast.Node) string {
	switch n.Type() {
	case ast.MappingType:
		return "a mapping"
	case ast.SequenceType:
		return "a list"
	case ast.StringType, ast.LiteralType:
		return "text"
	case ast.IntegerType:
		return "a whole number"
	case ast.FloatType, ast.InfinityType, ast.NanType:
		return "a decimal number"
	case ast.BoolType:
		return "true or false"
	case ast.AnchorType, ast.AliasType, ast.TagType:
		return "an anchor, alias or tag, which data files do not use"
	}
	return strings.ToLower(n.Type().String())
}

// position is where n starts: for a block mapping, at its first key rather than its first colon.
func position(n ast.Node) *token.Position {
	if m, ok := n.(*ast.MappingNode); ok && !m.IsFlowStyle && len(m.Values) > 0 {
		n = m.Values[0].Key
	}
	return n.GetToken().Position
}
