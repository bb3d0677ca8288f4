// Shared by the Playwright scripts: Debian's Chromium launched the way this
// machine allows (no browser downloads, no sandbox, no network beyond loopback),
// login through the host page's form, checks that count, and screenshots.
// Environment: BASE_URL, PASSWORD, OUT_DIR, PLAYWRIGHT_CORE (module path).
const path = require('path');
const {chromium} = require(process.env.PLAYWRIGHT_CORE);

const env = process.env;
let passed = 0;

function check(condition, message) {
    if (!condition) {
        throw new Error('check failed: ' + message);
    }
    passed++;
    console.log('ok - ' + message);
}

const shot = (page, name) => page.screenshot({path: path.join(env.OUT_DIR, name + '.png'), fullPage: true});

function launch() {
    return chromium.launch({
        executablePath: '/usr/bin/chromium',
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
            '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
}

// login opens the host page in a fresh browser context (its own cookies) and
// logs in through the page's form.
async function login(browser, username, viewport) {
    const context = await browser.newContext({viewport: viewport || {width: 1100, height: 760}});
    const page = await context.newPage();
    page.on('console', (m) => m.type() === 'error' && console.log('[browser console]', m.text()));
    await page.goto(env.BASE_URL + '/');
    await page.waitForSelector('#login-form');
    await page.fill('#login-id', username);
    await page.fill('#login-password', env.PASSWORD);
    await Promise.all([page.waitForNavigation(), page.click('#login-form button')]);
    return {context, page};
}

// ready waits until the page's WebSocket is authenticated (events will reach it),
// the bot DM panel has found its channel and the plugin's sidebar has loaded.
async function ready(page) {
    await page.waitForSelector('body[data-ws=ready]');
    await page.waitForSelector('#dm-panel[data-channel-id]');
    await page.waitForSelector('[data-testid=mentorship-rhs]');
}

// dmPost finds the bot's DM posts (host page panel) that contain every text.
const dmPost = (page, ...texts) => texts.reduce((loc, text) => loc.filter({hasText: text}), page.locator('#dm-posts [data-testid=post]'));

// run executes main with a browser and reports "<name>: N passed, 0 failed",
// which the Go test looks for so a script that stops early cannot pass.
function run(name, main) {
    (async () => {
        const browser = await launch();
        try {
            await main(browser);
        } finally {
            await browser.close();
        }
        console.log(`${name}: ${passed} passed, 0 failed`);
    })().catch((e) => {
        console.error(e);
        process.exit(1);
    });
}

module.exports = {env, check, shot, login, run, ready, dmPost};
