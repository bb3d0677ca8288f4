// Builds webapp/dist/main.js the way Mattermost loads plugin bundles: React,
// Redux and friends come from the host page's globals, not from this bundle.
// react-intl is bundled (Mattermost does not promise it as a global), minus its
// ICU parser: the translation files are compiled to ASTs at build time instead.
const path = require('path');

module.exports = {
    entry: './src/index.tsx',
    resolve: {
        extensions: ['.ts', '.tsx', '.js', '.json'],
        alias: {'@formatjs/icu-messageformat-parser$': '@formatjs/icu-messageformat-parser/lib/no-parser.js'},
    },
    module: {
        rules: [
            {test: /\.tsx?$/, loader: 'ts-loader', exclude: /node_modules/, options: {transpileOnly: true}},
            {test: /\.json$/, include: path.join(__dirname, 'i18n'), type: 'json', loader: path.join(__dirname, 'build/messages_loader.js')},
        ],
    },
    externals: {
        react: 'React',
        'react-dom': 'ReactDOM',
        redux: 'Redux',
        'react-redux': 'ReactRedux',
    },
    output: {
        path: path.join(__dirname, 'dist'),
        filename: 'main.js',
    },
    performance: {hints: false},
    devtool: false,
};
