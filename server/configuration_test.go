package main

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestConfigurationDefaultsAndValidation(t *testing.T) {
	c := &configuration{}
	c.setDefaults()
	require.Equal(t, creatorsAdmins, c.ProgramCreators)
	require.Equal(t, "Mentorship", c.BotDisplayName)
	require.NoError(t, c.validate())
	require.False(t, c.settings().MembersMayCreatePrograms)

	c.ProgramCreators = creatorsMembers
	require.True(t, c.settings().MembersMayCreatePrograms)

	c.ProgramCreators = "everyone"
	require.ErrorContains(t, c.validate(), `ProgramCreators is "everyone"`)

	c.ProgramCreators, c.BotDisplayName = creatorsAdmins, strings.Repeat("b", 65)
	require.ErrorContains(t, c.validate(), "BotDisplayName")
}
