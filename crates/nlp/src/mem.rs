//! Memory helpers for the models' lookup tables (the tagger's perceptron and the parser's
//! weights share them).

/// Ask Linux to back `buf` with 2 MiB pages where it can (call it before the memory is first
/// written). Lookups hit the tables at random, and with 4 KiB pages nearly each one would also
/// miss the TLB. A hint only: nothing changes where it is refused or elsewhere.
pub(crate) fn advise_huge_pages<T>(buf: &[T]) {
    #[cfg(target_os = "linux")]
    {
        const PAGE: usize = 4096;
        let bytes = std::mem::size_of_val(buf);
        if bytes < 2 << 20 {
            return;
        }
        let addr = buf.as_ptr() as usize;
        let start = addr.next_multiple_of(PAGE);
        let end = (addr + bytes) / PAGE * PAGE;
        if end > start {
            // SAFETY: madvise(MADV_HUGEPAGE) only changes how the kernel backs pages of this
            // allocation, which we own; it never moves or frees memory, and failure is ignored.
            unsafe {
                libc::madvise(start as *mut libc::c_void, end - start, libc::MADV_HUGEPAGE);
            }
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = buf;
}

/// Ask for the cache line at `p` ahead of its use.
#[inline(always)]
pub(crate) fn prefetch<T>(p: *const T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: `_mm_prefetch` needs SSE, which every x86_64 CPU has; a prefetch never faults and
    // never makes memory visible to the program, whatever the address.
    unsafe {
        std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(p.cast());
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = p;
}
