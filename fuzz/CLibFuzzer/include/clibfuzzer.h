#ifndef CLIBFUZZER_H
#define CLIBFUZZER_H

#include <stddef.h>
#include <stdint.h>

/// libFuzzer's documented entry for programs with their own main (compiler-rt's
/// FuzzerInterface.h). A harness's main.swift hands it its test function, so the harness
/// works with SwiftPM's renamed executable entry point.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

#endif
