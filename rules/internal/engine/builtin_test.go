package engine_test

import (
	"sourcescore"
	"sourcescore/rules"
	"sourcescore/rules/internal/engine"
)

func init() {
	engine.BuiltinHook = func() (*engine.Engine, sourcescore.Boilerplate, error) {
		set, err := rules.Builtin()
		if err != nil {
			return nil, sourcescore.Boilerplate{}, err
		}
		return set.Engine(), set.Boilerplate, nil
	}
}
