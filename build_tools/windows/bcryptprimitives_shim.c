/* bcryptprimitives_shim.c - a test-prefix stand-in for Windows 10's System32\bcryptprimitives.dll.
 *
 * cryptography's _rust.pyd (Rust's standard library) imports ProcessPrng from it; Wine 8 does
 * not provide that DLL, so cryptography, and pdfminer/pdfplumber which import it, do not load
 * under Wine. ProcessPrng fills a buffer with random bytes from the system RNG and always
 * returns TRUE; here it asks bcrypt.dll's system-preferred RNG, which Wine has. Built by build.sh
 * with mingw-w64 into the Wine prefix only; never shipped (a real Windows has the real DLL).
 */
#include <windows.h>
#include <bcrypt.h>

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
    while (len > 0) {
        ULONG chunk = len > 0x40000000 ? 0x40000000 : (ULONG)len;
        if (BCryptGenRandom(NULL, data, chunk, BCRYPT_USE_SYSTEM_PREFERRED_RNG) != 0)
            return FALSE;
        data += chunk;
        len -= chunk;
    }
    return TRUE;
}
