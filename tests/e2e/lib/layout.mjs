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
