using System.Text.Json;
using Microsoft.Playwright;

namespace Catalog.BrowserTests.Infrastructure;

/// <summary>
/// Walks a page with the Tab key the way a keyboard user does, and records every element that took the focus with
/// its outline and box-shadow while focused and after the focus left.
/// </summary>
public static class FocusWalk
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);

    // Marks every control a keyboard user must be able to reach (data-probe) and starts logging focus stops.
    private const string StartScript = """
        () => {
          const look = el => {
            const s = getComputedStyle(el);
            return `outline: ${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}; box-shadow: ${s.boxShadow}`;
          };
          const describe = el => {
            const text = (el.getAttribute('aria-label') || el.textContent || el.name || '').replace(/\s+/g, ' ').trim();
            return `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''} "${text.slice(0, 50)}"`;
          };
          const controls = [...document.querySelectorAll('a[href], button, input, select, textarea, summary, [tabindex]')]
            .filter(el => el.tabIndex >= 0 && !el.disabled && el.type !== 'hidden'
              && el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden');
          controls.forEach((el, i) => el.dataset.probe = String(i));
          const ring = el => {
            const s = getComputedStyle(el);
            return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none';
          };
          const stops = [];
          document.addEventListener('focusin', e => stops.push({ el: e.target, focused: look(e.target), ring: ring(e.target) }));
          window.focusWalk = { look, describe, stops };
          return controls.map(describe);
        }
        """;

    // Takes the focus away, so each stop's unfocused look can be read, and reports the stops.
    private const string FinishScript = """
        () => {
          document.activeElement?.blur();
          const { look, describe, stops } = window.focusWalk;
          return stops.map(s => ({
            name: describe(s.el), probe: s.el.dataset.probe ?? '', focused: s.focused, unfocused: look(s.el), ring: s.ring,
          }));
        }
        """;

    /// <summary>The controls the page has, and the focus stops of Tab pressed a few more times than there are controls.</summary>
    public static async Task<(string[] Controls, Stop[] Stops)> TabThroughAsync(IPage page)
    {
        var controls = await page.EvaluateAsync<string[]>(StartScript);
        for (var i = 0; i < controls.Length + 3; i++)
        {
            await page.Keyboard.PressAsync("Tab");
        }

        var stops = (await page.EvaluateAsync<JsonElement>(FinishScript)).Deserialize<Stop[]>(s_json)!;
        return (controls, stops);
    }

    /// <summary>One focus stop; <paramref name="Ring"/> says the focused element drew an outline or a box-shadow.</summary>
    public sealed record Stop(string Name, string Probe, string Focused, string Unfocused, bool Ring)
    {
        // A focus ring the reader can see: something is drawn, and it is not there without the focus.
        public bool IsVisiblyFocused => Ring && Focused != Unfocused;
    }
}
