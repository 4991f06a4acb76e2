// libpq's client API; Debian installs it in /usr/include/postgresql (pkg-config libpq).
#include <libpq-fe.h>
