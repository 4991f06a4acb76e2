// A C target needs one source file; the declaration is all this module provides.
#include "clibfuzzer.h"
