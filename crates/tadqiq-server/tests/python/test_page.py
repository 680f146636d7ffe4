"""The proofreading page in a real browser: Debian's Chromium, headless, driven by Selenium
through Debian's chromedriver.

Run by tests/page.rs, which starts the server and sets TADQIQ_SERVER_URL, TADQIQ_SEED (a seed
article with «القاء»), TADQIQ_SCREENSHOTS (a directory for the screenshots), TADQIQ_CHROMIUM and
TADQIQ_CHROMEDRIVER. The text goes in as a paste does: Chrome's Input.insertText, trusted
input the page sees as an edit.
"""

import os
import pathlib

import pytest
import requests
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

URL = os.environ["TADQIQ_SERVER_URL"]
with open(os.environ["TADQIQ_SEED"], encoding="utf-8") as f:
    SEED = f.read()
SHOTS = pathlib.Path(os.environ["TADQIQ_SCREENSHOTS"])
WORD, FIX = "القاء", "اللقاء"
BEFORE, AFTER = "أن القاء أرسى", "أن اللقاء أرسى"


@pytest.fixture
def browser(tmp_path):
    options = Options()
    options.binary_location = os.environ["TADQIQ_CHROMIUM"]
    for arg in [
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        f"--user-data-dir={tmp_path / 'profile'}",
        "--window-size=1400,1600",
        "--lang=ar",
    ]:
        options.add_argument(arg)
    driver = webdriver.Chrome(
        options=options, service=Service(executable_path=os.environ["TADQIQ_CHROMEDRIVER"])
    )
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()


def paste(driver, text):
    driver.find_element(By.ID, "text").click()
    driver.execute_cdp_cmd("Input.insertText", {"text": text})


def value(driver):
    return driver.find_element(By.ID, "text").get_attribute("value")


def marks_on(driver, word):
    return [
        m
        for m in driver.find_elements(By.CSS_SELECTOR, "#backdrop .mark")
        if m.get_attribute("textContent") == word
    ]


def shot(driver, name):
    path = SHOTS / name
    driver.save_screenshot(str(path))
    print(f"screenshot: {path}")


def test_paste_see_the_underline_click_the_fix(browser):
    d = browser
    d.get(URL + "/")
    assert d.find_element(By.TAG_NAME, "html").get_attribute("dir") == "rtl"
    assert d.find_element(By.TAG_NAME, "html").get_attribute("lang") == "ar"
    text = "📰 " + SEED
    paste(d, text)
    wait = WebDriverWait(d, 30)
    mark = wait.until(lambda d: (marks_on(d, WORD) or [None])[0])
    # The underline under «القاء»: underlined, and lying over the text area.
    style = d.execute_script(
        "const s = getComputedStyle(arguments[0]);"
        "return [s.textDecorationLine, s.textDecorationStyle];",
        mark,
    )
    assert style == ["underline", "wavy"], style
    d.execute_script("arguments[0].scrollIntoView({block: 'center'})", mark)
    m, area = mark.rect, d.find_element(By.ID, "text").rect
    assert m["width"] > 10 and m["height"] > 10, m
    assert area["x"] <= m["x"] and m["x"] + m["width"] <= area["x"] + area["width"], (m, area)
    assert area["y"] <= m["y"] and m["y"] + m["height"] <= area["y"] + area["height"], (m, area)
    # The list names it too.
    items = d.find_elements(By.CSS_SELECTOR, "#findings .finding")
    assert any("«" + WORD + "»" in li.text for li in items)

    underlined = len(marks_on(d, WORD))
    assert underlined >= 2
    # Click the underlined word (the click lands on the text area above it, where the word is).
    ActionChains(d).move_to_element(mark).click().perform()
    popup = d.find_element(By.ID, "popup")
    wait.until(lambda d: popup.is_displayed())
    button = next(b for b in popup.find_elements(By.CSS_SELECTOR, "button.fix") if b.text == FIX)
    shot(d, "page-underlined.png")
    button.click()
    wait.until(lambda d: AFTER in value(d))
    fixed = value(d)
    assert BEFORE not in fixed and fixed.startswith("📰 ")
    # Only that word changed, and the page checked the new text.
    assert fixed == text.replace(BEFORE, AFTER, 1)
    wait.until(lambda d: len(marks_on(d, WORD)) == underlined - 1)
    shot(d, "page-fixed.png")
    # The fix was an edit like any other: undo takes it back.
    d.find_element(By.ID, "text").send_keys(Keys.CONTROL, "z")
    wait.until(lambda d: value(d) == text)


def test_fix_all_safe_and_copy(browser):
    d = browser
    d.get(URL + "/")
    paste(d, SEED)
    wait = WebDriverWait(d, 30)
    wait.until(lambda d: marks_on(d, WORD))
    expected = requests.post(URL + "/api/fix", data={"text": SEED}, timeout=60).json()["text"]
    assert expected != SEED and WORD not in expected.split()
    d.find_element(By.ID, "fix-safe").click()
    wait.until(lambda d: value(d) == expected)
    wait.until(lambda d: d.find_element(By.ID, "status").text.startswith("أُصلح"))
    assert not marks_on(d, WORD)
    shot(d, "page-fix-all-safe.png")

    d.execute_cdp_cmd(
        "Browser.grantPermissions",
        {"origin": URL, "permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"]},
    )
    d.find_element(By.ID, "copy").click()
    wait.until(lambda d: d.find_element(By.ID, "status").text == "نُسخ النص")
    copied = d.execute_async_script(
        "navigator.clipboard.readText().then(arguments[0], e => arguments[0]('ERROR ' + e))"
    )
    assert copied == expected


def test_the_page_asks_only_its_own_server(browser):
    d = browser
    d.get(URL + "/")
    paste(d, SEED)
    WebDriverWait(d, 30).until(lambda d: marks_on(d, WORD))
    resources = d.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name)"
    )
    assert resources, "the page loaded nothing?"
    assert all(r.startswith(URL + "/") for r in resources), resources
