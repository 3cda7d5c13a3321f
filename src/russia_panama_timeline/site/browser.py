"""Headless Chromium for the site's browser test and the README's screenshot.

Both drive the system's Chromium (Debian's ``chromium`` and ``chromium-driver``)
through ChromeDriver with Selenium, which the ``test`` extra installs; nothing here is
needed to build or use the site. The flags keep the browser off the network: no
background requests, no component updates, no sync, a fresh profile.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

CHROMIUM_FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
    "--disable-dev-shm-usage",
    "--hide-scrollbars",
)


class BrowserMissing(RuntimeError):
    """Chromium, ChromeDriver or Selenium is not installed."""


def binaries() -> tuple[str, str]:
    """Chromium and ChromeDriver: ``$CHROMIUM`` and ``$CHROMEDRIVER``, or on the PATH."""
    chromium = shutil.which(os.environ.get("CHROMIUM") or "chromium") or \
        shutil.which("chromium-browser")
    driver = shutil.which(os.environ.get("CHROMEDRIVER") or "chromedriver")
    if not chromium or not driver:
        raise BrowserMissing("Chromium and ChromeDriver are not installed "
                             "(apt-get install chromium chromium-driver)")
    return chromium, driver


def chromium(profile: Path, width: int = 1280, height: int = 900) -> Any:
    """A headless Chromium WebDriver with a fresh profile in ``profile``, logging the
    console (``browser``) and every network request (``performance``)."""
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        raise BrowserMissing("selenium is not installed (pip install '.[test]')") from None
    browser, driver = binaries()
    os.environ["SE_OFFLINE"] = "true"  # Selenium Manager must not download anything
    options = webdriver.ChromeOptions()
    options.binary_location = browser
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--window-size={width},{height}")
    options.add_argument(f"--user-data-dir={profile}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    session = webdriver.Chrome(options=options, service=Service(driver))
    session.set_page_load_timeout(60)
    return session


def wait_for_site(session: Any, events: int, timeout: float = 60) -> None:
    """Wait until the timeline has drawn one marker per event."""
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(session, timeout).until(lambda d: d.execute_script(
        "return document.querySelectorAll('#timeline .tl-timemarker').length") == events)
