"""SQLCipher storage: keys, connections, migrations, repositories, audit."""
