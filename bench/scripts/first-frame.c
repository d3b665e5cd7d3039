/* Waits for a top-level window whose title ends with SUFFIX to be mapped, then for its first painted frame (its
 * pixels hold five colours or more, see painted()), and prints the wall-clock time of each in ms since the epoch:
 *   mapped <ms>
 *   painted <ms>
 * Usage: first-frame SUFFIX [TIMEOUT_MS]   (DISPLAY from the environment)
 * Build: cc -O2 -o first-frame first-frame.c -lX11 */
#include <X11/Xlib.h>
#include <X11/Xatom.h>
#include <X11/Xutil.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>

static long long now_ms(void) {
    struct timeval tv;
    gettimeofday(&tv, NULL);
    return (long long) tv.tv_sec * 1000 + tv.tv_usec / 1000;
}

static int ends_with(const char *s, const char *suffix) {
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && strcmp(s + a - b, suffix) == 0;
}

static int title_matches(Display *d, Window w, const char *suffix, Atom net_wm_name, Atom utf8) {
    Atom type; int format; unsigned long n, after; unsigned char *data = NULL; int ok = 0;
    if (XGetWindowProperty(d, w, net_wm_name, 0, 1024, False, utf8, &type, &format, &n, &after, &data) == Success
            && data) {
        ok = ends_with((char *) data, suffix);
        XFree(data);
    }
    return ok;
}

/* The client window listed by the window manager whose title matches, viewable; else 0. */
static Window find(Display *d, const char *suffix) {
    Atom list = XInternAtom(d, "_NET_CLIENT_LIST", False), name = XInternAtom(d, "_NET_WM_NAME", False),
         utf8 = XInternAtom(d, "UTF8_STRING", False);
    Atom type; int format; unsigned long n, after; unsigned char *data = NULL; Window found = 0;
    if (XGetWindowProperty(d, DefaultRootWindow(d), list, 0, 4096, False, XA_WINDOW, &type, &format, &n, &after,
            &data) != Success || !data) return 0;
    Window *ws = (Window *) data;
    for (unsigned long i = 0; i < n && !found; i++) {
        XWindowAttributes a;
        if (XGetWindowAttributes(d, ws[i], &a) && a.map_state == IsViewable && title_matches(d, ws[i], suffix, name, utf8))
            found = ws[i];
    }
    XFree(data);
    return found;
}

static int error_handler(Display *d, XErrorEvent *e) { (void) d; (void) e; return 0; }

/* Whether the window shows a drawn frame: at least five colours along its middle row and a column at a third of its
 * width. A window mapped but not drawn shows at most two: the background the X server fills it with (white, as it
 * maps the window, part by part) and the black root still showing through the rest. */
#define DRAWN_COLOURS 5
static int painted(Display *d, Window w) {
    XWindowAttributes a;
    if (!XGetWindowAttributes(d, w, &a) || a.width < 4 || a.height < 4) return 0;
    unsigned long seen[DRAWN_COLOURS];
    int n = 0;
    XImage *row = XGetImage(d, w, 0, a.height / 2, a.width, 1, AllPlanes, ZPixmap);
    XImage *col = XGetImage(d, w, a.width / 3, 0, 1, a.height, AllPlanes, ZPixmap);
    for (int i = 0; i < a.width + a.height && n < DRAWN_COLOURS; i++) {
        XImage *img = i < a.width ? row : col;
        if (!img) continue;
        unsigned long p = i < a.width ? XGetPixel(row, i, 0) : XGetPixel(col, 0, i - a.width);
        int known = 0;
        for (int k = 0; k < n && !known; k++) known = seen[k] == p;
        if (!known) seen[n++] = p;
    }
    if (row) XDestroyImage(row);
    if (col) XDestroyImage(col);
    return n >= DRAWN_COLOURS;
}

int main(int argc, char **argv) {
    if (argc < 2) { fprintf(stderr, "usage: first-frame SUFFIX [TIMEOUT_MS]\n"); return 2; }
    long long timeout = argc > 2 ? atoll(argv[2]) : 60000, start = now_ms();
    Display *d = XOpenDisplay(NULL);
    if (!d) { fprintf(stderr, "first-frame: cannot open display\n"); return 2; }
    XSetErrorHandler(error_handler);
    XSelectInput(d, DefaultRootWindow(d), PropertyChangeMask);
    printf("ready\n");
    fflush(stdout);
    Window w = 0;
    while (!(w = find(d, argv[1]))) {
        if (now_ms() - start > timeout) return 1;
        /* wake on the window manager's list changing, or look again every 5 ms */
        struct timespec tick = {0, 5 * 1000 * 1000};
        if (XPending(d)) { XEvent e; XNextEvent(d, &e); } else nanosleep(&tick, NULL);
    }
    printf("mapped %lld\n", now_ms());
    fflush(stdout);
    struct timespec pause = {0, 5 * 1000 * 1000};
    while (!painted(d, w)) {
        if (now_ms() - start > timeout) return 1;
        nanosleep(&pause, NULL);
    }
    printf("painted %lld\n", now_ms());
    return 0;
}
