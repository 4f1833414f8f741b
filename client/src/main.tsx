import { render } from 'preact';
import './styles/base.css';
import './styles/app.css';
import { App } from './app.tsx';

render(<App />, document.getElementById('app')!);
