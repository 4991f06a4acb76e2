#ifndef CNCURSESW_H
#define CNCURSESW_H
// Shim over libncursesw; filled in by the Terminal engine.
int cncursesw_placeholder(void);
#endif
