"""An axe-core audit of the page a browser shows: WCAG 2.0 and 2.1, levels A and AA. axe-selenium-python injects
axe-core 4.4.3 (as axe-core-python 0.1.0 ships it): the axe-core 3.1 that axe-selenium-python carries has no WCAG 2.1
rules. Used by every end-to-end suite that takes screenshots, on every page it visits."""
import json
import os

import axe_core_python
from axe_selenium_python import Axe

AXE_CORE = os.path.join(os.path.dirname(axe_core_python.__file__), "axe.min.js")

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

RUN = """
const done = arguments[arguments.length - 1];
axe.run(document, {runOnly: {type: 'tag', values: %s}}, (error, results) => done(error ? {error: String(error)} : {
  violations: results.violations.map(v => ({id: v.id, count: v.nodes.length, target: v.nodes[0].target.join(' '),
                                            summary: (v.nodes[0].failureSummary || '').slice(0, 160)}))}));
"""


def audit(driver, label):
    """Fails with each violated rule, how many elements break it and the first of them."""
    Axe(driver, script_url=AXE_CORE).inject()
    # A page's audit takes a second or two; Selenium's default allows asynchronous scripts little time.
    driver.set_script_timeout(60)
    outcome = driver.execute_async_script(RUN % json.dumps(WCAG_TAGS))
    assert "error" not in outcome, f"{label}: axe could not run: {outcome['error']}"
    violations = [f"{v['id']} x{v['count']} ({v['target']}: {v['summary']})" for v in outcome["violations"]]
    assert not violations, f"{label}: accessibility (axe, WCAG 2.1 A/AA): {violations}"
