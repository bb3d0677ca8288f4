module.exports = {
    preset: 'ts-jest',
    testEnvironment: 'jsdom',
    setupFilesAfterEnv: ['<rootDir>/src/setup_tests.ts'],
    testMatch: ['<rootDir>/src/**/*.test.ts?(x)'],
};
