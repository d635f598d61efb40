package org.virtualvisits.analytics;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.stereotype.Component;

/**
 * Lets a test take the database out of reach for a moment: while it is "down", asking the connection
 * pool for a connection fails as PostgreSQL's driver fails when the server is gone (SQL state 08001).
 * Everything above the pool (transactions, filters, error pages, health) runs as it does in a real
 * outage; the real kill of the server is exercised by the supervisor's test and bench/faults.
 */
@Component
public class TestDatabaseOutage implements BeanPostProcessor {

    private volatile boolean down;

    public void begin() {
        down = true;
    }

    public void end() {
        down = false;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof DataSource dataSource && "dataSource".equals(beanName)) {
            return new DelegatingDataSource(dataSource) {
                @Override
                public Connection getConnection() throws SQLException {
                    failWhileDown();
                    return super.getConnection();
                }

                @Override
                public Connection getConnection(String username, String password) throws SQLException {
                    failWhileDown();
                    return super.getConnection(username, password);
                }
            };
        }
        return bean;
    }

    private void failWhileDown() throws SQLTransientConnectionException {
        if (down) {
            throw new SQLTransientConnectionException("Connection refused (the test took the database away)",
                    "08001");
        }
    }
}
