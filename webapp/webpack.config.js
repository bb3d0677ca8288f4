// Builds webapp/dist/main.js the way Mattermost loads plugin bundles: React,
// Redux and friends come from the host page's globals, not from this bundle.
const path = require('path');

module.exports = {
    entry: './src/index.tsx',
    resolve: {extensions: ['.ts', '.tsx', '.js', '.json']},
    module: {
        rules: [{test: /\.tsx?$/, loader: 'ts-loader', exclude: /node_modules/, options: {transpileOnly: true}}],
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
