package main

import "github.com/mentorship-mattermost/mentorship/e2e/benchseed"

// person is one seeded member with a session token of their own (copied in
// SQL by benchseed.CloneUsers, past the unlicensed 250-user limit).
type person = benchseed.Account
