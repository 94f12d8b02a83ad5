package app.takeaways.workspace;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Binds the encryption settings; only OAuth mode asks them for a cipher (so a missing key fails only that start). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EncryptionSettings.class)
class WorkspaceConfiguration {
}
