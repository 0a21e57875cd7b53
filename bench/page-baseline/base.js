// The page benchmark's baseline: what navigation + one module + a frame cost on this machine now.
requestAnimationFrame(() => performance.mark('quotes-painted'));
