package org.gridprint.carbon.intensity;

import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;

/** UK Carbon Intensity API (national or regional); factory PID {@code org.gridprint.carbon.intensity.ukci}. */
@Designate(ocd = UkCarbonIntensityProviderConfig.class, factory = true)
@Component(name = "org.gridprint.carbon.intensity.ukci", service = IntensityProvider.class, configurationPolicy = ConfigurationPolicy.REQUIRE)
public class UkCarbonIntensityProviderComponent extends ProviderComponent {

    @Activate
    void activate(Map<String, Object> properties) {
        configure(ProviderKind.UK_CARBON_INTENSITY, properties);
    }
}
