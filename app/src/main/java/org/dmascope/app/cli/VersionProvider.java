package org.dmascope.app.cli;


import picocli.CommandLine.IVersionProvider;

/** {@code --version}: the Maven project version the build filtered in. */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"dmascope " + AppVersion.text()};
    }
}
