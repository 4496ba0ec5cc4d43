// zlib from the system (Debian: zlib1g-dev): the inflate of the .docx reader and the deflate of
// the test ZIP writer, without reaching into ZIPFoundation's internal CZlib module.
#include <zlib.h>
