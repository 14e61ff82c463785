// Layout checks shared by the browser suites.

/** The page's sideways overflow in CSS px with up to 8 elements that stick out (outside any
 *  element that scrolls or clips sideways itself), or null when the page fits its width. */
export async function sideways(p) {
  return p.evaluate(() => {
    const width = innerWidth;
    const over = document.scrollingElement.scrollWidth - width;
    if (over <= 0) return null;
    const scrolls = (el) => {
      for (let a = el.parentElement; a; a = a.parentElement) {
        const s = getComputedStyle(a);
        if (/(auto|scroll|hidden)/.test(s.overflowX) && a !== document.body && a !== document.documentElement) return true;
      }
      return false;
    };
    const culprits = [...document.querySelectorAll("body *")]
      .filter((el) => el.getBoundingClientRect().right > width + 1 && !scrolls(el))
      .slice(0, 8)
      .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join(".")} right=${Math.round(el.getBoundingClientRect().right)}`);
    return { over, culprits };
  });
}

/**
 * Words that wrap in the middle: for each element matching `selector`, the places where a
 * line ends between two letters or digits of one word (not at a space, not after a hyphen).
 * Checked per character with Range rects, so it sees what the reader sees. Latin text only:
 * Japanese may break between any two characters.
 */
export async function brokenWords(p, selector) {
  return p.evaluate((sel) => {
    const found = [];
    for (const el of document.querySelectorAll(sel)) {
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.data;
        let top = null;
        for (let i = 0; i < text.length; i++) {
          const range = document.createRange();
          range.setStart(node, i);
          range.setEnd(node, i + 1);
          const rect = range.getClientRects()[0];
          if (!rect) continue;
          if (top !== null && rect.top > top + 2 && /[A-Za-z0-9]/.test(text[i]) && /[A-Za-z0-9]/.test(text[i - 1])) found.push(`${el.textContent.trim()}: "${text.slice(0, i)}|${text.slice(i)}"`);
          top = rect.top;
        }
      }
    }
    return found;
  }, selector);
}
