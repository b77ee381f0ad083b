import '@fontsource/arimo/latin-400.css';
import '@fontsource/arimo/latin-400-italic.css';
import '@fontsource/arimo/latin-700.css';
import '@fontsource/arimo/latin-ext-400.css';
import '@fontsource/arimo/latin-ext-700.css';
import './styles/base.css';
import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import { userMessage } from './api';
import { createAppI18n } from './i18n';
import { createAppRouter } from './router';
import { useToasts } from './stores/toasts';

const app = createApp(App);
const pinia = createPinia();
app.use(pinia);
app.use(createAppI18n());
app.use(createAppRouter());

// Anything a view did not catch still reaches the user as a German sentence, not a stack trace.
app.config.errorHandler = (error) => {
  console.error(error);
  useToasts(pinia).error(userMessage(error));
};
window.addEventListener('unhandledrejection', (event) => {
  console.error(event.reason);
  useToasts(pinia).error(userMessage(event.reason));
});

app.mount('#app');
