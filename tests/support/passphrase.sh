# The one passphrase of every test vault, for the shell tests and tools (source this file). It is the C++
# tests' kFixturePass (include/throughline/testing/vault_fixture.hpp); configuring stops if the two differ.
# shellcheck shell=bash
TL_TEST_PASSPHRASE='amber kettle river 42'
