#include "cncursesw.h"
int cncursesw_placeholder(void) { return 0; }
